// The fast reader of Spark's factor files against hyparquet's general path:
// the same ids and the same bits on every layout a writer may choose (row
// groups, lists split across pages, dictionary pages, doubles, 64-bit ids,
// codecs), and no answer of its own (null) where rows are not lists of
// exactly `rank` values, so that the general path says what is wrong.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parquetMetadata } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { checkPageHeaders, readFixedLengthFactors } from '../../web/src/engine/parquet-factors.js';
import { readAnyFactors } from '../../web/src/engine/foreign-models.js';

const schema = (element = 'FLOAT', id = 'INT32', elementRepetition = 'REQUIRED') => [
  { name: 'spark_schema', num_children: 2 },
  { name: 'id', type: id, repetition_type: 'REQUIRED' },
  { name: 'features', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', type: element, repetition_type: elementRepetition },
];

function factorRows(count, rank, distinct = 0) {
  let seed = 7;
  const next = () => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32 - 0.5;
  };
  const value = () => (distinct ? Math.round(next() * distinct) / distinct : Math.fround(next()));
  return Array.from({ length: count }, () => Array.from({ length: rank }, value));
}

function parquetFile({ ids, rows, ...options }) {
  const bytes = parquetWriteBuffer({
    schema: options.schema ?? schema(),
    columnData: [
      { name: 'id', data: ids },
      { name: 'features', data: rows },
    ],
    ...options,
  });
  return bytes instanceof ArrayBuffer
    ? bytes
    : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
}

async function bothWays(file, rank) {
  const metadata = parquetMetadata(file);
  const fast = readFixedLengthFactors(file, metadata, rank, compressors);
  const general = await readAnyFactors({ name: 'part-00000.parquet' }, file, metadata, 'userFactors', rank);
  return { fast, general, metadata };
}

const layouts = {
  'one row group, one page': { count: 300, rank: 8, options: {} },
  'many row groups, lists split across small pages': {
    count: 1000,
    rank: 12,
    options: { rowGroupSize: 97, pageSize: 700 },
  },
  'a dictionary page (few distinct values)': { count: 400, rank: 10, distinct: 4, options: {} },
  'doubles and 64-bit ids': {
    count: 250,
    rank: 6,
    bigIds: true,
    options: { schema: schema('DOUBLE', 'INT64') },
  },
  'optional elements (3-level lists as pyarrow writes them)': {
    count: 200,
    rank: 5,
    options: { schema: schema('FLOAT', 'INT32', 'OPTIONAL') },
  },
  'gzip instead of snappy': {
    count: 300,
    rank: 7,
    options: { codec: 'GZIP', compressors: { GZIP: (bytes) => new Uint8Array(gzipSync(bytes)) } },
  },
  'no compression': { count: 300, rank: 7, options: { codec: 'UNCOMPRESSED' } },
};

describe('Spark factor files: the fast reader gives what hyparquet assembles', () => {
  for (const [name, { count, rank, distinct, bigIds, options }] of Object.entries(layouts)) {
    it(name, async () => {
      const rows = factorRows(count, rank, distinct);
      // Ids out of order, as partitions write them.
      const ids = rows.map((_, r) => (bigIds ? BigInt(count * 3 - r * 3) : count * 3 - r * 3));
      const file = parquetFile({ ids, rows, ...options });
      const { fast, general, metadata } = await bothWays(file, rank);
      if (options.rowGroupSize) expect(metadata.row_groups.length).toBeGreaterThan(5);
      if (distinct) expect(metadata.row_groups[0].columns[1].meta_data.dictionary_page_offset).toBeDefined();
      expect(fast).not.toBeNull();
      expect(Array.from(fast.ids)).toEqual(Array.from(general.ids));
      expect(Array.from(fast.ids).slice(0, 2)).toEqual([count * 3, count * 3 - 3]);
      expect(fast.features).toEqual(general.features);
      expect(fast.features.length).toBe(count * rank);
      expect(fast.features[rank]).toBe(Math.fround(rows[1][0]));
    });
  }
});

describe('Spark factor files that are not lists of rank values', () => {
  it('leaves a short row to the general path, which names its id', async () => {
    const rows = factorRows(50, 4);
    rows[20] = rows[20].slice(0, 3);
    rows[21] = [...rows[21], 0.5]; // the same total, shifted
    const file = parquetFile({ ids: rows.map((_, r) => r + 1), rows });
    const metadata = parquetMetadata(file);
    expect(readFixedLengthFactors(file, metadata, 4, compressors)).toBeNull();
    await expect(readAnyFactors({ name: 'p' }, file, metadata, 'itemFactors', 4)).rejects.toThrow(
      /itemFactors id 21 has 3 features, the metadata says rank 4/,
    );
  });

  it('leaves a null list and a null value to the general path', async () => {
    for (const hole of ['list', 'value']) {
      const rows = factorRows(30, 4);
      if (hole === 'list') rows[9] = null;
      else rows[9][2] = null;
      const file = parquetFile({
        ids: rows.map((_, r) => r + 1),
        rows,
        schema: schema('FLOAT', 'INT32', 'OPTIONAL'),
      });
      const metadata = parquetMetadata(file);
      expect(readFixedLengthFactors(file, metadata, 4, compressors)).toBeNull();
    }
  });

  it('leaves a file of another rank to the general path, and refuses a damaged or cut file up front', async () => {
    const rows = factorRows(40, 6);
    const file = parquetFile({ ids: rows.map((_, r) => r + 1), rows });
    const metadata = parquetMetadata(file);
    expect(readFixedLengthFactors(file, metadata, 5, compressors)).toBeNull();
    expect(() => checkPageHeaders(file, metadata)).not.toThrow();
    // The footer kept, the middle zeroed (hyparquet's decoder would loop for
    // ever on the page header this damages): refused before any page is read.
    const damaged = new Uint8Array(file).slice();
    damaged.fill(0, 200, 600);
    expect(() => checkPageHeaders(damaged.buffer, metadata)).toThrow(
      /column features: a damaged page header at byte \d+/,
    );
    // The minimal file of the upstream report (tests/fixtures/hyparquet-loop):
    // a V2 header without repetition_levels_byte_length.
    const reported = new Uint8Array(
      readFileSync(new URL('../fixtures/hyparquet-loop/damaged-page-header.parquet', import.meta.url)),
    ).buffer;
    expect(() => checkPageHeaders(reported, parquetMetadata(reported))).toThrow(
      /column features: a damaged page header at byte 41/,
    );
    // Cut short, the old footer still believed.
    const short = file.slice(0, 500);
    expect(() => checkPageHeaders(short, metadata)).toThrow(/past the end of the file/);
    expect(readFixedLengthFactors(short, metadata, 6, compressors)).toBeNull();
  });
});
