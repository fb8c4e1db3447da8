// The demo listener: the five most popular Sci-Fi movies of the generated
// demo set (public/demo/movies.csv; the generator is deterministic, so the
// ids stay; tests/js/model-match.test.js checks them), shown on a first
// visit with their recommendations.
export const DEMO_LISTENER = Object.freeze([
  { id: '369', rating: 5 },
  { id: '77', rating: 5 },
  { id: '720', rating: 4 },
  { id: '525', rating: 5 },
  { id: '222', rating: 4 },
]);
