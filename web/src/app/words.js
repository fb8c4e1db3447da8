// The words of the data: movies and ratings for MovieLens (and the demo),
// artists, listeners and plays for Last.fm and other play counts, "items"
// for a file of the visitor's own. One place decides it, from the data loaded
// now (or, with no data loaded, the model's own).
//
// Strings that differ by domain have variants in the i18n tables:
// 'similar.title' (movies), 'similar.title.music', 'similar.title.items';
// tw(key) picks the variant of the current domain, else the plain key.
import { useStore, getState } from './store.js';
import { translate, LANGUAGES } from '../i18n/index.js';

export const Domain = Object.freeze({ movies: 'movies', music: 'music', items: 'items' });

// format: the engine's format name ("Last.fm plays", "MovieLens ratings.csv", ...).
export function domainOfFormat(format) {
  if (!format) return Domain.movies;
  if (/last\.fm/i.test(format)) return Domain.music;
  if (/^movielens/i.test(format)) return Domain.movies;
  return Domain.items;
}

// { domain, plays }: plays = the values are play counts (Last.fm; whole
// numbers above 10 in a file of one's own), so an item's support is its
// listeners and a favorite has a play count, not stars.
export function wordsOf(state) {
  const { data, model } = state;
  const summary = data.status === 'ready' ? data.summary : null;
  // Before any data or model: the words of the answers shown meanwhile (first-answers.js).
  if (!summary && !model.info && state.firstAnswers?.words) return state.firstAnswers.words;
  const format = summary?.format ?? model.info?.format ?? null;
  const domain = domainOfFormat(format);
  const plays =
    domain === Domain.music ||
    (domain === Domain.items && Boolean(summary?.integerValues) && (summary?.maxValue ?? 0) > 10);
  return { domain, plays };
}

function variantKey(lang, key, words) {
  if (words.domain === Domain.movies) return key;
  const table = LANGUAGES[lang] || LANGUAGES.en;
  const variant = `${key}.${words.domain}`;
  return table[variant] !== undefined || LANGUAGES.en[variant] !== undefined ? variant : key;
}

export function translateWords(lang, words, key, values) {
  return translate(lang, variantKey(lang, key, words), values);
}

// In components: const tw = useWords(); tw('similar.title').
// tw.words is { domain, plays }.
export function useWords() {
  const lang = useStore((s) => s.lang);
  const domain = useStore((s) => wordsOf(s).domain);
  const plays = useStore((s) => wordsOf(s).plays);
  const words = { domain, plays };
  const tw = (key, values) => translateWords(lang, words, key, values);
  tw.words = words;
  return tw;
}

// Outside components (notices, document.title).
export function tWords(key, values) {
  const state = getState();
  return translateWords(state.lang, wordsOf(state), key, values);
}

// The i18n key of an item's support: kept ratings (movies, rated items),
// listeners (artists), users (items with play counts of one's own).
export function supportKey(words) {
  if (words.domain === Domain.music) return 'support.listeners';
  return words.plays ? 'support.users' : 'support.ratings';
}
