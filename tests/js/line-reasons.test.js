// Why a line was not read, in the page's language (web/src/i18n/line-reasons.js):
// the engine itself (wasm, through the worker protocol) reads files with every
// kind of bad line; each reason it gives reads back in English exactly as it
// wrote it, and in Korean as a translation; so do the messages of a strict load
// and of a ratings file of which nothing could be read.
import { describe, it, expect, beforeAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { loadEngine, fileOf } from './support/engine-module.js';
import { serviceFor } from './support/service-harness.js';
import { describeLineMessage, describeLineReason } from '../../web/src/i18n/line-reasons.js';
import { translate } from '../../web/src/i18n/index.js';
import { faultText } from '../../web/src/app/fault-text.js';

const tEn = (key, values) => translate('en', key, values);
const tKo = (key, values) => translate('ko', key, values);
const ROOT = path.resolve(import.meta.dirname, '../..');

// 30 good MovieLens lines (5 users x 6 movies), then the bad ones.
const goodRatings = Array.from({ length: 30 }, (_, k) => `${1 + (k % 5)},${10 + (k % 6)},4.0,1`).join('\n');
const ratingsWith = (bad) =>
  fileOf('ratings.csv', `userId,movieId,rating,timestamp\n${goodRatings}\n${bad.join('\n')}\n`);
const goodPlays = Array.from(
  { length: 30 },
  (_, k) =>
    `user${k % 5}\t${'0123456789abcdef'.repeat(2).slice(0, 8)}-0000-0000-0000-00000000000${k % 6}\tartist ${k % 6}\t${10 + k}`,
).join('\n');

// Each set of files with at most 5 bad lines a file (the engine reports the first 5).
const SETS = [
  [ratingsWith(['abc,1,4,1', '1,,4,1', '1\t2\t3\t4', '1,2,x,1', '1,2,9,1'])],
  [ratingsWith(['1,2,inf,1', '1,2,4,', '1,2,4,1.5', 'userId,movieId,rating,timestamp', '1,2'])],
  [
    ratingsWith(['1;2;3;4', '1|2|3|4', ',2,4,1']),
    fileOf('movies.csv', 'movieId,title,genres\n10,Up, The (2009),Comedy\n,x,Drama\n11,,Drama\n'),
  ],
  [fileOf('ratings.dat', `${goodRatings.replaceAll(',', '::')}\n1\t2\t3\t4\n1,2,3,4\n`)],
  [
    fileOf(
      'usersha1-artmbid-artname-plays.tsv',
      `${goodPlays}\nu1\t\t\t5\nu1\tx\tname\t2.5\nu1\tx\tname\t-3\nu1\tx\tname\tlots\n`,
    ),
  ],
  [fileOf('mine.csv', `${goodRatings.replaceAll(',4.0,1', ',4')}\n1,2,2e12\n1,2,abc\n`)],
];

let service;
const reasons = new Set();

beforeAll(async () => {
  service = serviceFor(await loadEngine('simd'));
  for (const files of SETS) {
    const summary = await service.call('loadFiles', { files, prepare: { useThreshold: false } });
    for (const file of summary.files) for (const x of file.examples) reasons.add(x.reason);
  }
});

describe("the engine's reasons for a line", () => {
  it('come in many kinds from these files', () => {
    expect(reasons.size).toBeGreaterThanOrEqual(18);
  });

  it('each read back in English as the engine wrote it, and in Korean as a translation', () => {
    const unknown = [];
    for (const reason of reasons) {
      expect(describeLineReason(tEn, reason)).toBe(reason);
      const ko = describeLineReason(tKo, reason);
      if (ko === reason) unknown.push(reason);
      // Only the piece of the line the engine quoted stays in Latin letters.
      expect(ko.replace(/'[^']*'/g, '').replace(/\b(inf|abc|lots|x)\b/g, ''), reason).not.toMatch(
        /\b(expected|separated|found|empty|number|outside|header|line)\b/,
      );
    }
    expect(unknown).toEqual([]);
  });

  it('every reason written whole in the C++ sources is known', () => {
    const source = fs.readFileSync(path.join(ROOT, 'cpp/io/record_parser.cpp'), 'utf8');
    const literals = [...source.matchAll(/fail\(out, "([^"]+)"\)/g), ...source.matchAll(/reason = "([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(literals.length).toBeGreaterThanOrEqual(4);
    for (const text of literals) expect(describeLineReason(tKo, text), text).not.toBe(text);
  });

  it('keep the quoted piece of the line and the numbers', () => {
    expect(describeLineReason(tKo, "rating 'x' is not a number")).toBe("평점 'x': 숫자가 아닙니다");
    expect(describeLineReason(tKo, "expected 4 fields separated by ',', found 1 (the line seems to use tab)")).toBe(
      "4개의 필드(구분자 ',')가 있어야 하는데 1개입니다 (이 줄의 구분자는 탭인 것 같습니다)",
    );
    expect(
      describeLineReason(tKo, "expected at least 3 fields separated by tab, found 1 (the line seems to use ',')"),
    ).toBe("필드(구분자 탭)가 3개 이상 있어야 하는데 1개입니다 (이 줄의 구분자는 ','인 것 같습니다)");
    expect(describeLineReason(tKo, 'something the engine may say one day')).toBe(
      'something the engine may say one day',
    );
  });
});

describe('engine messages that carry a reason', () => {
  it("a strict load's first bad line, with its file and line", async () => {
    const error = await service.call('loadFiles', { files: [ratingsWith(['1,2,9,1'])], strict: true }).then(
      () => null,
      (e) => e,
    );
    expect(error?.message).toMatch(/^ratings\.csv:32: rating 9 outside 0\.5\.\.5$/);
    expect(faultText('en', error)).toBe(error.message);
    expect(faultText('ko', error)).toBe('ratings.csv:32: 평점 9: 허용 범위 0.5..5 밖입니다');
  });

  it('a ratings file of which no line could be read', async () => {
    const error = await service
      .call('loadFiles', { files: [fileOf('ratings.csv', 'userId,movieId,rating,timestamp\n1,2,x,1\n1,2,y,1\n')] })
      .then(
        () => null,
        (e) => e,
      );
    expect(error?.message).toBe(
      "no ratings could be read from ratings.csv: 2 malformed lines, the first at line 2: rating 'x' is not a number",
    );
    expect(faultText('en', error)).toBe(error.message);
    expect(faultText('ko', error)).toBe(
      "ratings.csv에서 평점을 하나도 읽지 못했습니다: 잘못된 줄 2개, 첫 번째는 2번째 줄: 평점 'x': 숫자가 아닙니다",
    );
    expect(describeLineMessage(tEn, 'no ratings could be read from a.csv: it has no data lines')).toBe(
      'no ratings could be read from a.csv: it has no data lines',
    );
    expect(
      describeLineMessage(
        tEn,
        'no ratings could be read from a.csv: 1 malformed line, the first at line 3: title is empty',
      ),
    ).toBe('no ratings could be read from a.csv: 1 malformed line, the first at line 3: title is empty');
    expect(describeLineMessage(tKo, 'the engine stopped')).toBe(null);
  });
});
