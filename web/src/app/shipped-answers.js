// The demo listener's first answers, computed with the shipped demo model
// when the site is built (scripts/demo-model.mjs writes
// web/src/generated/demo-first-answers.json) and bundled with the page, so a
// first visit shows them before anything is fetched (first-answers.js).
// null before the engine is built (tests that run without it).
const found = import.meta.glob('../generated/demo-first-answers.json', { eager: true, import: 'default' });

export const SHIPPED_DEMO_ANSWERS = Object.values(found)[0] ?? null;
