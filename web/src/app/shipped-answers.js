// The demo viewer's first answers, one per shipped data set, computed with its
// shipped model when the site is built (scripts/demo-model.mjs writes
// web/src/generated/<set>-first-answers.json) and bundled with the page, so a
// first visit shows them before anything is fetched (first-answers.js).
// A set is missing before the engine is built (tests that run without it).
import { pageDemoSet } from './demo-set.js';

const found = import.meta.glob('../generated/*-first-answers.json', { eager: true, import: 'default' });

export const SHIPPED_ANSWERS = Object.fromEntries(
  Object.entries(found).map(([file, json]) => [file.match(/([a-z]+)-first-answers\.json$/)[1], json]),
);

// The page's set's (demo-set.js), or null.
export function shippedAnswersOfPage() {
  return SHIPPED_ANSWERS[pageDemoSet()] ?? null;
}
