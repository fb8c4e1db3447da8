// All UI text goes through t(key, values): English and Korean tables of
// strings with {name} placeholders (or functions, for plurals). The choice
// is kept in localStorage. Data (titles, genres, engine messages) is never
// translated.
import { useStore, getState, setState } from '../app/store.js';
import en from './en.js';
import ko from './ko.js';

export const LANGUAGES = { en, ko };
const STORAGE_KEY = 'als-movies.lang';

export function translate(lang, key, values = {}) {
  const table = LANGUAGES[lang] || en;
  let text = table[key] ?? en[key];
  if (text === undefined) return key;
  if (typeof text === 'function') return text(values);
  return text.replace(/\{(\w+)\}/g, (whole, name) => (values[name] !== undefined ? String(values[name]) : whole));
}

export function t(key, values) {
  return translate(getState().lang, key, values);
}

// In components: const t = useT(); re-renders when the language changes.
export function useT() {
  const lang = useStore((s) => s.lang);
  return (key, values) => translate(lang, key, values);
}

export function setLanguage(lang) {
  if (!LANGUAGES[lang]) return;
  setState({ lang });
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this visit
  }
}

export function restoreLanguage() {
  let lang = null;
  try {
    lang = localStorage.getItem(STORAGE_KEY);
  } catch {
    lang = null;
  }
  if (!lang) lang = (navigator.language || 'en').toLowerCase().startsWith('ko') ? 'ko' : 'en';
  setLanguage(lang);
}
