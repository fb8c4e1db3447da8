// Spark's factor files: one row per user or item, `id: int` and `features:
// array<float>` with exactly `rank` values. hyparquet's parquetRead assembles
// such a list column into one JavaScript array per row, 20 million boxed
// numbers for an ml-25m-size model, and spends most of its time in the
// garbage collector. This reads the same pages with hyparquet's own page
// decoders (thrift headers, codecs, levels, plain and dictionary values) and
// lays the values straight into one typed array, checking from the Dremel
// levels that every row is a list of exactly `rank` present values:
//   repetition level 0 starts a row (it must fall on a multiple of rank),
//   every definition level equals the column's maximum (no null list, no null value).
// Anything else (nulls, other nesting, a page kind it does not know) returns
// null and the caller takes hyparquet's general path, which is also the
// reference the tests compare this against.
import { parquetSchema } from 'hyparquet';
import { parquetHeader, readPage } from 'hyparquet/src/column.js';
import { convert, convertWithDictionary, DEFAULT_PARSERS } from 'hyparquet/src/convert.js';
import { decompressPage, readDataPage, readDataPageV2 } from 'hyparquet/src/datapage.js';
import { getMaxDefinitionLevel, getMaxRepetitionLevel, getTreePath } from 'hyparquet/src/schema.js';

class NotFixedLists extends Error {}

// The decoded pages of one column chunk: { definitionLevels, repetitionLevels, values } each.
function* columnPages(file, meta, decoder) {
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  const end = start + Number(meta.total_compressed_size);
  if (end > file.byteLength) throw new NotFixedLists('column chunk past the end of the file');
  const reader = { view: new DataView(file, start, end - start), offset: 0 };
  let dictionary;
  while (reader.offset < reader.view.byteLength - 1) {
    const headerStart = reader.offset;
    const header = parquetHeader(reader);
    // A damaged header (zeros, say) must not keep the loop in place.
    const size = header.compressed_page_size;
    if (
      !Number.isInteger(size) ||
      size < 0 ||
      reader.offset + size > reader.view.byteLength ||
      reader.offset <= headerStart
    )
      throw new NotFixedLists('a damaged page header');
    if (header.type === 'DICTIONARY_PAGE') {
      const { data } = readPage(reader, header, decoder, undefined, undefined, 0);
      if (data) dictionary = convert(data, decoder);
      continue;
    }
    const bytes = new Uint8Array(file, start + reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    let page, encoding;
    if (header.type === 'DATA_PAGE') {
      const daph = header.data_page_header;
      const raw = decompressPage(bytes, Number(header.uncompressed_page_size), decoder.codec, decoder.compressors);
      page = readDataPage(raw, daph, decoder);
      encoding = daph.encoding;
    } else if (header.type === 'DATA_PAGE_V2') {
      page = readDataPageV2(bytes, header, decoder);
      encoding = header.data_page_header_v2.encoding;
    } else if (header.type === 'INDEX_PAGE') {
      continue;
    } else {
      throw new NotFixedLists(`page type ${header.type}`);
    }
    yield { ...page, values: convertWithDictionary(page.dataPage, dictionary, encoding, decoder) };
  }
}

const count = (v) => Number.isInteger(v) && v >= 0;

// Every page header of every column chunk, checked before any page is decoded:
// hyparquet's level decoder loops for ever on a header whose fields are
// missing (a file damaged in the middle, its footer intact), so such a file is
// refused here with where it is damaged. Headers are small; this reads no data.
export function checkPageHeaders(file, metadata) {
  for (const [g, group] of metadata.row_groups.entries()) {
    for (const column of group.columns) {
      const meta = column.meta_data;
      const name = meta?.path_in_schema?.[0] ?? '?';
      const where = (what) => new Error(`row group ${g + 1}, column ${name}: ${what}`);
      if (!meta) throw where('no column metadata');
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
      const end = start + Number(meta.total_compressed_size);
      if (!(start >= 0 && end <= file.byteLength && start <= end))
        throw where('its pages lie past the end of the file');
      const reader = { view: new DataView(file, start, end - start), offset: 0 };
      let values = 0;
      while (reader.offset < reader.view.byteLength - 1) {
        const at = start + reader.offset;
        let header;
        try {
          header = parquetHeader(reader);
        } catch {
          throw where(`an unreadable page header at byte ${at}`);
        }
        const size = header.compressed_page_size;
        const v2 = header.data_page_header_v2;
        const v1 = header.data_page_header;
        const fine =
          count(size) &&
          count(header.uncompressed_page_size) &&
          reader.offset + size <= reader.view.byteLength &&
          (header.type !== 'DATA_PAGE' || (v1 && count(v1.num_values))) &&
          (header.type !== 'DATA_PAGE_V2' ||
            (v2 &&
              count(v2.num_values) &&
              count(v2.num_nulls) &&
              count(v2.num_rows) &&
              count(v2.repetition_levels_byte_length) &&
              count(v2.definition_levels_byte_length) &&
              v2.repetition_levels_byte_length + v2.definition_levels_byte_length <= size));
        if (!fine) throw where(`a damaged page header at byte ${at}`);
        values += v1?.num_values ?? v2?.num_values ?? 0;
        reader.offset += size;
      }
      if (values !== Number(meta.num_values))
        throw where(`its pages hold ${values} values, the footer says ${meta.num_values}`);
    }
  }
}

function decoderFor(schemaTree, meta, compressors) {
  const schemaPath = getTreePath(schemaTree, meta.path_in_schema);
  return {
    pathInSchema: meta.path_in_schema,
    element: schemaPath[schemaPath.length - 1].element,
    schemaPath,
    compressors,
    ...meta,
    parsers: DEFAULT_PARSERS,
  };
}

// One row group's ids (flat, required) into ids[at ...].
function readIds(file, meta, decoder, ids, at, rows) {
  if (getMaxRepetitionLevel(decoder.schemaPath) !== 0) throw new NotFixedLists('id is repeated');
  const maxDefinition = getMaxDefinitionLevel(decoder.schemaPath);
  let n = 0;
  for (const { definitionLevels, values } of columnPages(file, meta, decoder)) {
    if (maxDefinition && definitionLevels?.some((d) => d !== maxDefinition)) throw new NotFixedLists('null id');
    if (n + values.length > rows) throw new NotFixedLists('more ids than rows');
    for (let i = 0; i < values.length; i++) ids[at + n + i] = Number(values[i]);
    n += values.length;
  }
  if (n !== rows) throw new NotFixedLists('fewer ids than rows');
}

// One row group's lists into features[at * rank ...].
function readLists(file, meta, decoder, features, at, rows, rank) {
  if (getMaxRepetitionLevel(decoder.schemaPath) !== 1) throw new NotFixedLists('features is not a list');
  const maxDefinition = getMaxDefinitionLevel(decoder.schemaPath);
  const base = at * rank;
  const total = rows * rank;
  let n = 0;
  for (const { definitionLevels, repetitionLevels, values } of columnPages(file, meta, decoder)) {
    const count = repetitionLevels.length;
    if (values.length !== count || n + count > total) throw new NotFixedLists('nulls or a row of another length');
    for (let i = 0; i < count; i++) {
      if ((repetitionLevels[i] === 0) !== ((n + i) % rank === 0)) throw new NotFixedLists('a row of another length');
      if (definitionLevels && definitionLevels[i] !== maxDefinition) throw new NotFixedLists('a null');
    }
    features.set(values, base + n);
    n += count;
  }
  if (n !== total) throw new NotFixedLists('a row of another length');
}

// { ids: Int32Array-ready numbers, features: Float32Array } or null when the
// file is not plain fixed-length lists (the caller then reads it the general way).
export function readFixedLengthFactors(file, metadata, rank, compressors) {
  const schemaTree = parquetSchema(metadata);
  const rows = Number(metadata.num_rows);
  const ids = new Array(rows);
  const features = new Float32Array(rows * rank);
  let at = 0;
  try {
    for (const group of metadata.row_groups) {
      const groupRows = Number(group.num_rows);
      if (at + groupRows > rows) return null;
      const byName = new Map(group.columns.map((c) => [c.meta_data?.path_in_schema?.[0], c]));
      const id = byName.get('id');
      const list = byName.get('features');
      if (!id?.meta_data || !list?.meta_data || id.file_path || list.file_path) return null;
      readIds(file, id.meta_data, decoderFor(schemaTree, id.meta_data, compressors), ids, at, groupRows);
      readLists(
        file,
        list.meta_data,
        decoderFor(schemaTree, list.meta_data, compressors),
        features,
        at,
        groupRows,
        rank,
      );
      at += groupRows;
    }
  } catch {
    // Not fixed-length lists (NotFixedLists says why), or damaged: the general
    // path reads it or says what is wrong.
    return null;
  }
  return at === rows ? { ids, features } : null;
}
