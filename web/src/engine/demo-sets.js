// The data sets the site ships (public/movielens/ and public/demo/), one of
// which a first visit loads by itself:
//   movielens  MovieLens latest-small (GroupLens; 100,836 ratings of 9,742
//              movies by 610 users), redistributed under its README.txt's
//              terms: the default, so that a first visit shows real movies;
//   generated  the generated set (invented titles, 600 movies): the tests'
//              and the bench's, still offered in step 1 and by ?demo=generated.
// Each has its model trained at build time with the page's defaults
// (scripts/demo-model.mjs) and the demo viewer's first answers from it.
export const DemoSet = Object.freeze({ movielens: 'movielens', generated: 'generated' });
export const DEFAULT_DEMO_SET = DemoSet.movielens;

// folder: under the site's base URL; as: the names the loader sees (a
// MovieLens folder is recognised by its files, as when dropped).
export const DEMO_SETS = Object.freeze({
  movielens: Object.freeze({
    folder: 'movielens/ml-latest-small/',
    as: 'ml-latest-small/',
    files: Object.freeze(['ratings.csv', 'movies.csv']),
    model: 'movielens/ml-latest-small/model.als',
    readme: 'movielens/ml-latest-small/README.txt',
    idSpace: 'movielens', // its movieIds are those of MovieLens 1M, 10M, 20M, 25M, 32M
  }),
  generated: Object.freeze({
    folder: 'demo/',
    as: 'demo/',
    files: Object.freeze(['ratings.csv', 'movies.csv']),
    model: 'demo/model.als',
    readme: 'demo/README.txt',
    idSpace: 'demo', // its ids are its own (invented movies numbered 1..600)
  }),
});

// A known set's name, else the default. A demo source kept before there were
// two sets has no name: it was the generated one.
export function demoSetName(name) {
  return Object.hasOwn(DEMO_SETS, name) ? name : DEFAULT_DEMO_SET;
}

export function keptDemoSetName(source) {
  return source?.set === undefined ? DemoSet.generated : demoSetName(source.set);
}
