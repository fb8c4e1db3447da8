// The app's state in one place: a plain object replaced (never mutated) on
// every change, listeners told after each change, and a hook that re-renders
// a component only when the slice it selected changed.
import { useEffect, useReducer, useRef } from 'preact/hooks';
import { initialState } from './state.js';

let state = initialState();
const listeners = new Set();

export function getState() {
  return state;
}

// setState({ key: value }) or setState((s) => ({ key: value })): a shallow merge.
export function setState(patch) {
  const next = typeof patch === 'function' ? patch(state) : patch;
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

// update('training', { running: true }): merges into one slice.
export function update(slice, patch) {
  setState((s) => ({ [slice]: { ...s[slice], ...(typeof patch === 'function' ? patch(s[slice]) : patch) } }));
}

export function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// const training = useStore((s) => s.training);
export function useStore(selector) {
  const [, rerender] = useReducer((n) => n + 1, 0);
  const selected = selector(state);
  const last = useRef(selected);
  const select = useRef(selector);
  last.current = selected;
  select.current = selector;
  useEffect(() => {
    const check = () => {
      if (!Object.is(select.current(state), last.current)) rerender();
    };
    check(); // a change between the render and this effect
    return subscribe(check);
  }, []);
  return selected;
}

// For tests of the store itself.
export function resetState() {
  state = initialState();
}
