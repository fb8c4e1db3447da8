// The i18n tables: placeholders and plural forms chosen by Intl.PluralRules.
import { describe, it, expect } from 'vitest';
import { translate, pluralForm, LANGUAGES } from '../../web/src/i18n/index.js';
import { STEPS } from '../../web/src/app/steps.js';
import { formatSeconds } from '../../web/src/app/format.js';

describe('translate', () => {
  it('picks the English plural form by count, formatted or not', () => {
    expect(translate('en', 'report.examplesTitle', { file: 'u.data', count: 1 })).toBe(
      'u.data: 1 malformed line, for example:',
    );
    expect(translate('en', 'report.examplesTitle', { file: 'u.data', count: '1,234' })).toBe(
      'u.data: 1,234 malformed lines, for example:',
    );
    expect(translate('en', 'report.examplesTitle', { file: 'u.data', count: 0 })).toBe(
      'u.data: 0 malformed lines, for example:',
    );
  });

  it('uses the one Korean form for every count', () => {
    expect(translate('ko', 'report.examplesTitle', { file: 'u.data', count: 1 })).toBe(
      'u.data: 잘못된 줄 1개, 예를 들면:',
    );
    expect(translate('ko', 'report.examplesTitle', { file: 'u.data', count: 7 })).toBe(
      'u.data: 잘못된 줄 7개, 예를 들면:',
    );
  });

  it('falls back to "other" when a language has no form of its own', () => {
    expect(pluralForm('en', { other: 'x' }, 1)).toBe('x');
    expect(pluralForm('ko', { one: 'a', other: 'b' }, 1)).toBe('b');
  });
});

// The tables are complete: the same keys in both languages, the same
// placeholders, a plural form wherever a string counts something, and every
// key the code asks for exists.
import fs from 'node:fs';
import path from 'node:path';
import en from '../../web/src/i18n/en.js';
import ko from '../../web/src/i18n/ko.js';
import { describeFile, formatName, FORMAT_HEADS, REASONS, SIGNATURES } from '../../web/src/i18n/file-kinds.js';
import { asSentence } from '../../web/src/i18n/sentence.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const forms = (value) => (typeof value === 'object' ? Object.values(value) : [value]);
const placeholders = (value) =>
  [...new Set(forms(value).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))].sort();

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.(js|jsx)$/.test(e.name) ? [full] : [];
  });
}

describe('the English and Korean tables', () => {
  it('have the same keys', () => {
    expect(Object.keys(ko).filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in ko))).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const differ = Object.keys(en)
      .filter((k) => k in ko && placeholders(en[k]).join() !== placeholders(ko[k]).join())
      .map((k) => `${k}: en {${placeholders(en[k])}} ko {${placeholders(ko[k])}}`);
    expect(differ).toEqual([]);
  });

  it('give every string that counts something its plural forms, and never write "(s)"', () => {
    const notPlural = Object.entries(en)
      .filter(([, v]) => typeof v === 'string' && v.includes('{count}'))
      .map(([k]) => k);
    expect(notPlural).toEqual([]);
    const incomplete = Object.entries(en)
      .filter(([, v]) => typeof v === 'object' && !(v.one && v.other))
      .map(([k]) => k);
    expect(incomplete).toEqual([]);
    const noOther = Object.entries(ko)
      .filter(([, v]) => typeof v === 'object' && !v.other)
      .map(([k]) => k);
    expect(noOther).toEqual([]);
    const bracketS = Object.entries(en)
      .filter(([, v]) => forms(v).some((text) => /\w\(s\)/.test(text)))
      .map(([k]) => k);
    expect(bracketS).toEqual([]);
  });

  it('hold every key the code asks for', () => {
    const missing = [];
    for (const file of sourceFiles(path.join(ROOT, 'web/src'))) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z]+\.[\w.-]+)'/g))
        if (!(m[1] in en)) missing.push(`${path.relative(ROOT, file)}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('count with plural forms in both languages', () => {
    expect(translate('en', 'units.factors', { count: 1 })).toBe('1 factor');
    expect(translate('en', 'units.factors', { count: 100 })).toBe('100 factors');
    expect(translate('en', 'build.threads', { count: 1 })).toBe('WebAssembly SIMD · 1 thread');
    expect(translate('en', 'build.threads', { count: 2 })).toBe('WebAssembly SIMD · 2 threads');
    expect(translate('en', 'data.usersCount', { count: '1,234' })).toBe('1,234 users');
    expect(translate('ko', 'units.users', { count: '1,234' })).toBe('사용자 1,234명');
  });
});

// The phrases the engine writes about files, in the C++ sources.
function enginePhrases() {
  const format = fs.readFileSync(path.join(ROOT, 'cpp/io/file_format.cpp'), 'utf8');
  const sniffer = fs.readFileSync(path.join(ROOT, 'cpp/io/content_sniffer.cpp'), 'utf8');
  const reasons = [...format.matchAll(/\b(?:ignored|unknown)\("([^"]+)"\)/g)].map((m) => m[1]);
  const described = [...format.matchAll(/make_kind\([^;]*?"([^"]+\([^"]*\))"\)/gs)].map((m) =>
    m[1].replace(/\\\\t/g, '\\t'),
  );
  const signatures = [...sniffer.matchAll(/"([^"]+)"\},/g), ...sniffer.matchAll(/return "([^"]+)";/g)].map((m) => m[1]);
  return { reasons, described, signatures };
}

describe('file descriptions from the engine', () => {
  const tEn = (key, values) => translate('en', key, values);
  const tKo = (key, values) => translate('ko', key, values);
  const { reasons, described, signatures } = enginePhrases();

  it('finds the phrases in the C++ sources', () => {
    expect(reasons.length).toBeGreaterThan(15);
    expect(described.length).toBeGreaterThan(10);
    expect(signatures.length).toBeGreaterThan(15);
  });

  it('knows every reason and every binary signature the engine gives', () => {
    expect(reasons.filter((r) => !REASONS[r])).toEqual([]);
    expect(signatures.filter((s) => !SIGNATURES[s])).toEqual([]);
  });

  it('reads every phrase back in English exactly as the engine wrote it, and translates it to Korean', () => {
    const phrases = [
      ...reasons.map((d) => ({ role: 'ignored', description: d })),
      ...described.map((d) => ({ role: 'ratings', description: d })),
      ...signatures.map((s) => ({ role: 'unknown', description: `looks like binary data (${s})` })),
      { role: 'ratings', description: 'user,item,value ratings (semicolon separated, with a header)' },
      { role: 'titles', description: 'item,title list (tab separated)' },
      {
        role: 'ratings',
        description:
          'ratings.csv does not have the MovieLens columns; read as user,item,value ratings (comma separated)',
      },
      {
        role: 'unknown',
        description: 'found 2 columns of numbers; expected user,item,value ratings or item,title names',
      },
    ];
    for (const file of phrases) {
      expect(describeFile(tEn, file)).toBe(file.description);
      expect(describeFile(tKo, file), file.description).not.toBe(file.description);
    }
    expect(Object.keys(FORMAT_HEADS).length).toBeGreaterThan(5);
    expect(describeFile(tKo, { role: 'ratings', description: 'MovieLens ratings (ratings.csv)' })).toBe(
      'MovieLens 평점 (ratings.csv)',
    );
    expect(formatName(tKo, 'your own ratings')).toBe('직접 만든 평점');
  });
});

describe('engine messages as sentences', () => {
  it('capitalise a leading word and end with a full stop', () => {
    expect(asSentence('no ratings file found; poster.png: looks like binary data (PNG image)')).toBe(
      'No ratings file found; poster.png: looks like binary data (PNG image).',
    );
    expect(asSentence('the engine stopped.')).toBe('The engine stopped.');
  });

  it('keep a leading file name or identifier as it is', () => {
    expect(asSentence('u.data:12: rating is not a number')).toBe('u.data:12: rating is not a number.');
    expect(asSentence('ml-1m.zip: corrupt zip directory')).toBe('ml-1m.zip: corrupt zip directory.');
    expect(asSentence('ratings.csv needs about 3 GB')).toBe('ratings.csv needs about 3 GB.');
  });
});

describe('step numbers in the text', () => {
  const strings = (table) =>
    Object.entries(table).flatMap(([key, text]) =>
      typeof text === 'object' ? Object.values(text).map((t) => [key, t]) : [[key, text]],
    );

  it('come from the order of the steps, never written as digits', () => {
    for (const [lang, table] of Object.entries(LANGUAGES)) {
      for (const [key, text] of strings(table)) {
        expect(`${lang} ${key}: ${text}`).not.toMatch(/\bsteps? \d|\d+\s*단계/i);
        for (const [, name] of text.matchAll(/\{step:(\w+)\}/g)) expect(STEPS, `${lang} ${key}`).toContain(name);
      }
    }
  });

  it('follow a step when it moves', () => {
    const favorites = STEPS.indexOf('favorites') + 1;
    expect(translate('en', 'notice.addFavoritesFirst')).toBe(`Add a few favorites first (step ${favorites}).`);
    expect(translate('ko', 'notice.addFavoritesFirst')).toBe(`먼저 즐겨찾기를 몇 개 추가하세요(${favorites}단계).`);
    expect(translate('en', 'train.needData')).toBe('Load data first (step 1).');
  });
});

describe('seconds on screen', () => {
  it('a tiny estimate reads as under a hundredth, not as zero', () => {
    expect(formatSeconds(0.0004)).toBe('< 0.01 s');
    expect(formatSeconds(0)).toBe('0.00 s');
    expect(formatSeconds(0.012)).toBe('0.01 s');
    expect(formatSeconds(12.34)).toBe('12.3 s');
  });
});
