// The shape of the app state and its defaults (the tutorial's settings).

export const DEFAULT_CONFIG = Object.freeze({
  factors: 100,
  regularization: 0.01,
  iterations: 15,
  alpha: 1,
  onePlus: false, // confidence = alpha·value (implicit) vs 1 + alpha·value (the paper)
  solver: 'cg',
  cgSteps: 3,
  scaling: 'none',
  seed: 42,
});

export const DEFAULT_EVALUATION = Object.freeze({ testFraction: 0.2, k: 10 });

// The tuner's choices: the budget (null: suggested from the data size), the
// metric it maximises on the validation split, and the chart's x axis.
export const DEFAULT_TUNING = Object.freeze({
  budgetSeconds: null,
  metric: 'precision',
  k: 10,
  axis: 'regularization',
});

// The models of the Compare step, in the table's order, and which are ticked
// at first: the tutorial's ALS, the rating model (explicit feedback), BPR and
// the item-item BM25 (implicit's best neighbour weighting). Popularity is always there.
export const COMPARED_KINDS = Object.freeze([
  'als',
  'explicit-als',
  'bpr',
  'lmf',
  'knn-bm25',
  'knn-cosine',
  'knn-tfidf',
]);
export const DEFAULT_COMPARED = Object.freeze(['als', 'explicit-als', 'bpr', 'knn-bm25']);

export function initialState() {
  return {
    lang: 'en',
    engine: { status: 'starting', info: null, message: '' }, // starting | ready | restarting | failed
    banner: null, // { kind: 'restarting' | 'restored' | 'restore-failed' | 'restored-visit', message? }
    errors: [], // [{ id, kind, message, file?, line?, action }]
    notices: [], // [{ id, key, params }]: things the visitor should know, not failures
    data: {
      status: 'empty', // empty | loading | ready
      source: null, // { kind: 'demo' } | { kind: 'files', names: [...], folder?, files? }
      progress: null, // { phase, file, bytesDone, bytesTotal }
      summary: null, // engine summary (see bindings.cpp summary())
      chooseFolder: null, // [folders] when a drop holds several data sets
      pendingFiles: null,
      refused: null, // { files, folder, strict }: read, but too little left after the threshold
      prepareOptions: null, // { useThreshold, minValue, binary } last applied
      version: 0, // bumped on every load/prepare: tells a model trained on older data
    },
    config: { ...DEFAULT_CONFIG },
    training: { running: false, progress: null, withMe: false },
    model: {
      info: null, // engine modelInfo()
      table: null, // see item-table.js
      dataVersion: -1, // data.version it belongs to (-1: other data; see model-match.js)
      origin: null, // 'trained' | 'file' | 'restored'
      fileName: null, // the model file's name (origin 'file')
      acceptedVersion: -1, // data.version at which the visitor chose to use a model of other data
      restored: false,
      bytes: null, // saveModel bytes (recovery plan, IndexedDB)
      savedAt: null, // when it was kept in IndexedDB (its name there: first-answers.js)
    },
    // A model trained elsewhere being brought in (implicit .npz, Spark ALSModel).
    foreign: {
      busy: false,
      name: '', // what was dropped
      chooseRows: null, // [{ conventions, fit }] when the sizes leave a choice
      spark: { alpha: 1, regParam: 0.1 }, // Spark's defaults: ALSModel does not keep them
      caveat: '', // what implicit cannot reproduce of an exported model
    },
    favorites: [], // the visitor's favorite records (see favorites.js)
    // The first card's answers known before the engine starts (shipped with the
    // demo, or kept from the last visit), shown until the live ones come (first-answers.js).
    firstAnswers: null,
    answers: { includeRare: false }, // include items below the minimum support (the raw output)
    recommendations: { count: 10, genre: '', result: null, loading: false, popularFallback: false },
    similar: { id: null, count: 10, result: null, missing: false }, // id: external item id
    preference: { id: null, result: null },
    // xy: 2-D points of `items` (model indices; null: every item), laid out by `method` ('umap' | 'pca')
    embedding: { xy: null, items: null, total: 0, method: null, status: 'idle', progress: null },
    evaluation: { ...DEFAULT_EVALUATION, running: false, progress: null, result: null },
    // kinds: the engine's model kinds with their defaults; selected: the kinds
    // ticked; settings: { kind: { name: value } } over the defaults; run: the
    // comparison as it stands (engine comparison object) and what it was asked;
    // forMe: { index: { items, scores, explanations, favorites, key } } per finished model.
    comparison: {
      kinds: null,
      selected: [...DEFAULT_COMPARED],
      settings: {},
      running: false,
      run: null,
      forMe: {},
      similarTo: null, // the item of the side-by-side similar lists (a table index), null: the first favorite
      similar: {},
    },
    // trials: every trial's validation result as it arrives; best: the best so
    // far; comparison: tuned vs tutorial vs popularity on the test split (when done);
    // run: what the last run was asked ({ budgetSeconds, metric, k, testFraction, dataVersion, sizes }).
    tuning: { ...DEFAULT_TUNING, running: false, progress: null, trials: [], best: null, comparison: null, run: null },
  };
}
