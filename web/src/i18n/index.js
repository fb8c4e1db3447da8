// All UI text goes through t(key, values): English and Korean tables of
// strings with {name} placeholders ({step:train}: that step's number). A
// string that depends on a number is an object of plural forms, chosen by
// Intl.PluralRules for values.count:
//   'x.files': { one: '{count} file', other: '{count} files' }
// (Korean has one form: { other: '파일 {count}개' }); a string with several
// counts takes them as values made by the 'units.*' keys. The choice of
// language is kept in localStorage. Data (titles, genres, file names) is
// never translated; the engine's file descriptions are (file-kinds.js), and
// its failures by their code or phrase (app/fault-text.js), as sentences.
import { useStore, getState, setState } from '../app/store.js';
import en from './en.js';
import ko from './ko.js';
import { stepNumber } from '../app/steps.js';

export const LANGUAGES = { en, ko };
const STORAGE_KEY = 'als-movies.lang';

const pluralRules = new Map();

// The plural form of `forms` ({ zero?, one?, two?, few?, many?, other }) for count.
export function pluralForm(lang, forms, count) {
  if (!pluralRules.has(lang)) pluralRules.set(lang, new Intl.PluralRules(lang));
  const n = typeof count === 'number' ? count : Number(String(count).replace(/[^\d.-]/g, '')); // "1,234" too
  return forms[pluralRules.get(lang).select(n)] ?? forms.other;
}

export function translate(lang, key, values = {}) {
  const table = LANGUAGES[lang] || en;
  let text = table[key] ?? en[key];
  if (text === undefined) return key;
  if (typeof text === 'object') text = pluralForm(table[key] ? lang : 'en', text, values.count ?? 0);
  return text
    .replace(/\{step:(\w+)\}/g, (whole, name) => (stepNumber(name) ? String(stepNumber(name)) : whole))
    .replace(/\{(\w+)\}/g, (whole, name) => (values[name] !== undefined ? String(values[name]) : whole));
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
    // private mode: no stored choice
  }
  if (!lang) lang = (navigator.language || 'en').toLowerCase().startsWith('ko') ? 'ko' : 'en';
  setLanguage(lang);
}
