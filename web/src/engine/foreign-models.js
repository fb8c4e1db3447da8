// Models trained elsewhere, as the worker sees them: which kind a drop is,
// and Spark's ALSModel read from its Parquet files. (implicit's .npz needs
// nothing here: it is a zip whose .npy members go to the engine as they
// are, and the engine reads the numpy format itself.)
//
// Spark's model.write().save(path) leaves
//   path/metadata/part-00000             one JSON line: class, sparkVersion, uid, paramMap, rank
//   path/userFactors/part-*.parquet      id: int, features: array<float> (snappy by default)
//   path/itemFactors/part-*.parquet
// plus _SUCCESS and .crc files; dropped as a folder or as a zip of it.
// The Parquet reader and its codecs load with the first Spark model (a
// third of the engine worker's script, and their set-up, on every visit otherwise).
let parquetModules = null;
function parquet() {
  parquetModules ??= Promise.all([
    import('hyparquet'),
    import('hyparquet-compressors'),
    import('./parquet-factors.js'),
  ]).then(([hyparquet, codecs, factors]) => ({ ...hyparquet, compressors: codecs.compressors, ...factors }));
  return parquetModules;
}
import { entryChunks } from './data-sources.js';

export class ModelFormatError extends Error {}

const SPARK_MODEL_CLASS = 'org.apache.spark.ml.recommendation.ALSModel';
// Spark's defaults for the estimator's params, which ALSModel does not keep.
export const SPARK_DEFAULTS = Object.freeze({ alpha: 1.0, regParam: 0.1 });

const isNpy = (name) => /\.npy$/i.test(name);
const part = (folder) => new RegExp(`(^|/)${folder}/part-[^/]*$`);
const isParquetPart = (folder) => (name) => part(folder).test(name) && !/\.crc$/i.test(name);

// 'implicit' (an .npz: .npy members), 'spark' (an ALSModel directory) or null.
export function modelKind(entries) {
  const names = entries.map((e) => e.name);
  if (names.some((n) => isNpy(n))) return 'implicit';
  if (names.some((n) => part('metadata').test(n)) || names.some(isParquetPart('userFactors'))) return 'spark';
  return null;
}

export function npyMembers(entries) {
  return entries.filter((e) => isNpy(e.name));
}

async function entryBytes(entry) {
  const chunks = [];
  let size = 0;
  for await (const chunk of entryChunks(entry)) {
    chunks.push(chunk);
    size += chunk.length;
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

// Spark's metadata JSON: its class, rank, version and whatever params it kept.
export async function readSparkMetadata(entries) {
  const entry = entries.find((e) => part('metadata').test(e.name) && !/\.crc$/i.test(e.name));
  if (!entry) throw new ModelFormatError('not a complete Spark ALSModel: metadata/part-00000 is missing');
  const text = new TextDecoder()
    .decode(await entryBytes(entry))
    .trim()
    .split('\n')[0];
  let metadata;
  try {
    metadata = JSON.parse(text);
  } catch (e) {
    throw new ModelFormatError(`${entry.name} is not the JSON Spark writes (${e.message})`);
  }
  if (metadata.class !== SPARK_MODEL_CLASS)
    throw new ModelFormatError(
      `${entry.name} describes a ${metadata.class ?? 'model of unknown class'}, not ${SPARK_MODEL_CLASS}`,
    );
  if (!Number.isInteger(metadata.rank) || metadata.rank < 1)
    throw new ModelFormatError(`${entry.name} has no rank (the number of factors)`);
  const params = { ...(metadata.defaultParamMap ?? {}), ...(metadata.paramMap ?? {}) };
  return { rank: metadata.rank, sparkVersion: metadata.sparkVersion ?? '', uid: metadata.uid ?? '', params };
}

// The Parquet schema Spark writes for FeatureData(id: Int, features: Array[Float]).
function checkSchema(name, metadata, { parquetSchema }) {
  const schema = parquetSchema(metadata);
  const columns = schema.children.map((c) => c.element.name);
  const id = schema.children.find((c) => c.element.name === 'id');
  const features = schema.children.find((c) => c.element.name === 'features');
  const leaf = (node) => (node.children.length ? leaf(node.children[0]) : node.element);
  if (!id || !features || columns.length !== 2)
    throw new ModelFormatError(
      `${name} has the columns ${columns.join(', ')}: a Spark ALS factor file has id and features`,
    );
  if (id.element.type !== 'INT32' && id.element.type !== 'INT64')
    throw new ModelFormatError(`${name}: id is ${id.element.type}, expected int`);
  const element = leaf(features);
  if (!features.children.length || (element.type !== 'FLOAT' && element.type !== 'DOUBLE'))
    throw new ModelFormatError(`${name}: features is not an array of floats`);
}

// One side's factors from all its part files: ids and features row by row.
async function readFactors(entries, folder, rank) {
  const { parquetMetadataAsync, checkPageHeaders, readFixedLengthFactors, compressors, ...libs } = await parquet();
  const parts = entries.filter((e) => isParquetPart(folder)(e.name));
  if (parts.length === 0)
    throw new ModelFormatError(`not a complete Spark ALSModel: ${folder}/ has no Parquet part files`);
  const blocks = []; // { ids, features } of each part, in file order
  for (const entry of parts) {
    const bytes = await entryBytes(entry);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    let metadata;
    try {
      metadata = await parquetMetadataAsync(file);
    } catch (e) {
      throw new ModelFormatError(`${entry.name} is not a readable Parquet file (${e.message}): truncated or damaged?`);
    }
    checkSchema(entry.name, metadata, libs);
    try {
      checkPageHeaders(file, metadata);
    } catch (e) {
      throw new ModelFormatError(`${entry.name} is damaged (${e.message}): truncated or changed?`);
    }
    blocks.push(
      readFixedLengthFactors(file, metadata, rank, compressors) ??
        (await readAnyFactors(entry, file, metadata, folder, rank)),
    );
  }
  const count = blocks.reduce((n, b) => n + b.ids.length, 0);
  const ids = new Int32Array(count);
  const features = new Float32Array(count * rank);
  let at = 0;
  for (const block of blocks) {
    ids.set(block.ids, at);
    features.set(block.features, at * rank);
    at += block.ids.length;
  }
  return { ids, features };
}

// The general path: hyparquet assembles every row's list (slow on big files,
// but it reads any layout, and says which row has the wrong length).
export async function readAnyFactors(entry, file, metadata, folder, rank) {
  const { parquetRead, compressors } = await parquet();
  const ids = [];
  const rows = [];
  try {
    await parquetRead({
      file,
      metadata,
      compressors,
      columns: ['id', 'features'],
      rowFormat: 'array',
      onComplete: (data) => {
        for (const [id, features] of data) {
          ids.push(Number(id));
          rows.push(features);
        }
      },
    });
  } catch (e) {
    throw new ModelFormatError(`${entry.name}: cannot read its data (${e.message}): truncated or damaged?`);
  }
  const features = new Float32Array(ids.length * rank);
  for (let r = 0; r < rows.length; r++) {
    const f = rows[r];
    if (!f || f.length !== rank)
      throw new ModelFormatError(
        `${folder} id ${ids[r]} has ${f ? f.length : 'no'} features, the metadata says rank ${rank}`,
      );
    features.set(f, r * rank);
  }
  return { ids, features };
}

export async function readSparkModel(entries) {
  const metadata = await readSparkMetadata(entries);
  const users = await readFactors(entries, 'userFactors', metadata.rank);
  const items = await readFactors(entries, 'itemFactors', metadata.rank);
  return { ...metadata, users, items };
}

// here -> Spark: the directory ALSModel.load(path) reads, as zip members
// (metadata JSON, one snappy Parquet part per side, _SUCCESS markers).
export async function sparkModelFiles({ rank, users, items, uid = 'ALS_alsmovies' }) {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const schema = [
    { name: 'spark_schema', num_children: 2 },
    { name: 'id', type: 'INT32', repetition_type: 'REQUIRED' },
    { name: 'features', repetition_type: 'OPTIONAL', num_children: 1, converted_type: 'LIST' },
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    { name: 'element', type: 'FLOAT', repetition_type: 'REQUIRED' },
  ];
  const parquet = ({ ids, features }) => {
    const rows = [];
    for (let r = 0; r < ids.length; r++) rows.push(Array.from(features.subarray(r * rank, (r + 1) * rank)));
    return new Uint8Array(
      parquetWriteBuffer({
        schema,
        columnData: [
          { name: 'id', data: Array.from(ids) },
          { name: 'features', data: rows },
        ],
      }),
    );
  };
  const metadata = {
    class: SPARK_MODEL_CLASS,
    timestamp: Date.now(),
    sparkVersion: '3.5.0',
    uid,
    paramMap: {},
    defaultParamMap: {
      blockSize: 4096,
      coldStartStrategy: 'nan',
      itemCol: 'item',
      predictionCol: 'prediction',
      userCol: 'user',
    },
    rank,
  };
  const empty = new Uint8Array(0);
  return {
    'metadata/part-00000': new TextEncoder().encode(`${JSON.stringify(metadata)}\n`),
    'metadata/_SUCCESS': empty,
    'userFactors/part-00000-alsmovies-c000.snappy.parquet': parquet(users),
    'userFactors/_SUCCESS': empty,
    'itemFactors/part-00000-alsmovies-c000.snappy.parquet': parquet(items),
    'itemFactors/_SUCCESS': empty,
  };
}
