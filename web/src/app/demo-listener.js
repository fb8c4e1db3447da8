// The demo viewer's favorites, one list per shipped data set
// (engine/demo-sets.js), shown on a first visit with their recommendations:
//   movielens  the tutorial's five: Back to the Future (1985), Toy Story
//              (1995), Alien (1979), Aliens (1986), The Wizard of Oz (1939)
//              — movieIds 1270, 1, 1214, 1200, 919, the same in MovieLens 1M
//              and latest, so they carry over to those data by id;
//   generated  the five most popular Sci-Fi movies of the generated set (its
//              generator is deterministic, so the ids stay;
//              tests/js/model-match.test.js checks them).
export const DEMO_FAVORITES = Object.freeze({
  movielens: Object.freeze([
    { id: '1270', rating: 5 },
    { id: '1', rating: 5 },
    { id: '1214', rating: 5 },
    { id: '1200', rating: 5 },
    { id: '919', rating: 5 },
  ]),
  generated: Object.freeze([
    { id: '369', rating: 5 },
    { id: '77', rating: 5 },
    { id: '720', rating: 4 },
    { id: '525', rating: 5 },
    { id: '222', rating: 4 },
  ]),
});

// The generated set's (the tests' name for it).
export const DEMO_LISTENER = DEMO_FAVORITES.generated;
