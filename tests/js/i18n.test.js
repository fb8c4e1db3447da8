// The i18n tables: placeholders and plural forms chosen by Intl.PluralRules.
import { describe, it, expect } from 'vitest';
import { translate, pluralForm } from '../../web/src/i18n/index.js';

describe('translate', () => {
  it('picks the English plural form by count, formatted or not', () => {
    expect(translate('en', 'report.examplesTitle', { file: 'u.data', count: 1 })).toBe('u.data: 1 malformed line, for example:');
    expect(translate('en', 'report.examplesTitle', { file: 'u.data', count: '1,234' })).toBe('u.data: 1,234 malformed lines, for example:');
    expect(translate('en', 'report.examplesTitle', { file: 'u.data', count: 0 })).toBe('u.data: 0 malformed lines, for example:');
  });

  it('uses the one Korean form for every count', () => {
    expect(translate('ko', 'report.examplesTitle', { file: 'u.data', count: 1 })).toBe('u.data: 잘못된 줄 1개, 예를 들면:');
    expect(translate('ko', 'report.examplesTitle', { file: 'u.data', count: 7 })).toBe('u.data: 잘못된 줄 7개, 예를 들면:');
  });

  it('falls back to "other" when a language has no form of its own', () => {
    expect(pluralForm('en', { other: 'x' }, 1)).toBe('x');
    expect(pluralForm('ko', { one: 'a', other: 'b' }, 1)).toBe('b');
  });
});
