// Does the model answer for the data loaded now? The one rule every answer
// (search, similar items, recommendations, the preference, the map) follows,
// so that no query is answered by a model trained on other data:
//
//   none      no model yet
//   current   trained on the data loaded now (or a model file / restored
//             model whose data fingerprint matches it)
//   own-data  no data is loaded (a model file alone, a restored model whose
//             files were too big to keep): it answers with its own items
//   accepted  a model that does not match the data, which the visitor chose
//             to use anyway (with its own items)
//   stale     trained on data loaded before: waits for "Train on this data"
//   foreign   a model file or restored model of other data: waits for the
//             visitor to choose (train on the data, or use the model)
//
// model.dataVersion is the data.version the model belongs to (-1: none);
// model.acceptedVersion the data.version at which the visitor accepted it.
// Imported models (another library's files) go through the same rule.
import { useStore } from './store.js';

export const Match = Object.freeze({
  none: 'none',
  current: 'current',
  ownData: 'own-data',
  accepted: 'accepted',
  stale: 'stale',
  foreign: 'foreign',
});

export function modelMatch(state) {
  const { model, data } = state;
  if (!model.table) return Match.none;
  if (data.status !== 'ready' && data.version === 0) return Match.ownData; // no data was ever loaded
  if (model.dataVersion === data.version) return Match.current;
  if (model.acceptedVersion === data.version) return Match.accepted;
  return model.origin === 'trained' ? Match.stale : Match.foreign;
}

export function modelAnswers(state) {
  const m = modelMatch(state);
  return m === Match.current || m === Match.ownData || m === Match.accepted;
}

// The item table queries may use: the model's, when it answers for the data.
export function answerTable(state) {
  return modelAnswers(state) ? state.model.table : null;
}

export function useModelMatch() {
  return useStore(modelMatch);
}

export function useAnswerTable() {
  return useStore(answerTable);
}
