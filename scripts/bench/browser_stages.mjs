// Stages that need the web app in headless Chromium (playwright-core,
// /usr/bin/chromium, COOP/COEP headers for threads). Not written yet: each
// row is a named placeholder so the table shows what is still missing. To add
// one, measure in run() and return the row with value set (same id).
const GROUP = 'in the browser (headless Chromium)';
const NOT_YET = 'not measured yet: needs the web app';

const PLACEHOLDERS = [
  { id: 'browser.train.threads.ml-1m', what: 'wasm threads+SIMD in Chromium: ML-1M 64 f CG, 15 it.', unit: 's', vs: 'native 2 thr' },
  { id: 'browser.parse.ml-25m', what: 'ml-25m ratings.csv parse throughput in a tab', unit: 'MB/s', vs: '' },
  { id: 'browser.train.ml-25m', what: 'ml-25m (25M ratings) training in a tab, 64 f CG, 15 it.', unit: 's', vs: '' },
  { id: 'browser.first-recommendations', what: 'open page -> first recommendations', unit: 's', vs: '' },
];

export const browserStages = {
  name: 'browser',
  timed: false,  // placeholders only: set true (wait for an idle machine) once it measures
  async run() {
    return {
      rows: PLACEHOLDERS.map((p) => ({ ...p, group: GROUP, value: null, status: 'not-measured', extra: NOT_YET, target: '' })),
    };
  },
};
