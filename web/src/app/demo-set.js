// Which shipped data set (engine/demo-sets.js) this page uses: the one a first
// visit loads, and the one of the data loaded now. ?demo=generated picks the
// generated set (the tests and the bench use it); otherwise MovieLens
// latest-small.
import { DEMO_SETS, DemoSet, demoSetName, keptDemoSetName } from '../engine/demo-sets.js';

export function pageDemoSet() {
  const asked = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('demo');
  return demoSetName(asked);
}

// The set of a data source, null when it is not a shipped set.
export function demoSetOfSource(source) {
  return source?.kind === 'demo' ? keptDemoSetName(source) : null;
}

// The set the demo favorites on screen come from (their id space says it), null when there are none.
export function demoSetOfFavorites(favorites) {
  const demo = favorites.find((f) => f.demo);
  if (!demo) return null;
  return demo.uid?.startsWith(`${DEMO_SETS.generated.idSpace}:`) ? DemoSet.generated : DemoSet.movielens;
}

export { DemoSet, DEMO_SETS };
