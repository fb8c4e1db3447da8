// The page's steps in order: the step bar, the sections, and the "step N" in
// the text ({step:favorites} in a string becomes its number, i18n/index.js),
// so that adding or moving a step renumbers everything.
export const STEPS = [
  'data',
  'train',
  'tune',
  'favorites',
  'recommendations',
  'similar',
  'preference',
  'map',
  'evaluate',
  'compare',
  'keep',
];

export const stepNumber = (name) => STEPS.indexOf(name) + 1; // 0: no such step
