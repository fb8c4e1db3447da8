// Reads the .zip files GroupLens publishes without loading them whole: the
// central directory is read from the end of the file, and each wanted entry
// is inflated as a stream (the browser's DecompressionStream, or fflate's
// streaming Inflate where the browser has none) straight from Blob slices,
// in pieces small enough that no piece can explode: a hostile archive is
// refused after at most a few MB of work, whatever it claims.
//
// Refused, each with a message of its own naming the archive and the entry:
// entries whose names climb out of the archive (../), encrypted entries,
// zips inside the zip, entries that inflate more than ZIP_LIMITS.ratio times
// their compressed size (said up front or found while inflating), entries
// that inflate beyond their declared size, truncated and corrupt archives.
import { Inflate } from 'fflate';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

// Real MovieLens and Last.fm files compress 3-5 : 1; a zip bomb 1000 : 1.
// Small entries may compress better (a short file of one repeated line), so
// the ratio is judged once this much has been inflated.
export const ZIP_LIMITS = Object.freeze({ ratio: 100, ratioAfterBytes: 64 * 2 ** 20 });

// Compressed bytes handed to the inflater at a time: at most ~1032 times this
// comes out of one piece (deflate's limit), so a bomb is caught within
// ZIP_LIMITS.ratioAfterBytes + 66 MB of output.
const INFLATE_PIECE_BYTES = 64 << 10;
// The stream inflater keeps a few pieces in flight (see inflateWithStream): smaller ones.
const STREAM_PIECE_BYTES = 32 << 10;

// A zip that cannot or must not be read. code names the message in the UI's
// tables (fault.<code>), params its values; message is the same in English.
export class ZipError extends Error {
  constructor(message, { code, params, entry } = {}) {
    super(message);
    this.name = 'ZipError';
    if (code) this.code = code;
    if (params) this.params = params;
    if (entry) this.entry = entry;
  }
}

// 0.13 MB, 254 MB, 2.15 GB (MB = 10^6 bytes, as the progress bar counts).
const mb = (bytes) =>
  bytes >= 1e9
    ? `${(bytes / 1e9).toLocaleString('en-US', { maximumFractionDigits: 2 })} GB`
    : `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: bytes < 1e7 ? 2 : 0 })} MB`;
const ratioText = (ratio) => `${Math.round(ratio).toLocaleString('en-US')} : 1`;

async function bytesOf(blob, start, end) {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

function u16(b, p) {
  return b[p] | (b[p + 1] << 8);
}
function u32(b, p) {
  return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
}
function u64(b, p) {
  return u32(b, p) + u32(b, p + 4) * 2 ** 32;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');
function decodeName(bytes) {
  try {
    return utf8.decode(bytes);
  } catch {
    return latin1.decode(bytes);
  }
}

// True when the blob starts like a zip (local header or an empty archive).
export async function looksLikeZip(blob) {
  if (blob.size < 4) return false;
  const head = await bytesOf(blob, 0, 4);
  const sig = u32(head, 0);
  return sig === LOCAL || sig === EOCD;
}

async function findEndOfCentralDirectory(blob, archiveName) {
  const tailStart = Math.max(0, blob.size - (65535 + 22));
  const tail = await bytesOf(blob, tailStart, blob.size);
  for (let p = tail.length - 22; p >= 0; p--) {
    if (u32(tail, p) !== EOCD) continue;
    let count = u16(tail, p + 10);
    let size = u32(tail, p + 12);
    let offset = u32(tail, p + 16);
    if (
      (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) &&
      p >= 20 &&
      u32(tail, p - 20) === ZIP64_LOCATOR
    ) {
      const eocd64At = u64(tail, p - 20 + 8);
      const eocd64 = await bytesOf(blob, eocd64At, eocd64At + 56);
      if (u32(eocd64, 0) !== ZIP64_EOCD)
        throw new ZipError(`${archiveName}: corrupt zip (bad ZIP64 record)`, {
          code: 'zipCorrupt',
          params: { archive: archiveName },
        });
      count = u64(eocd64, 32);
      size = u64(eocd64, 40);
      offset = u64(eocd64, 48);
    }
    if (offset + size > blob.size) {
      throw new ZipError(
        `${archiveName}: the zip is truncated (its directory points past the end of the file — was the download complete?)`,
        { code: 'zipTruncated', params: { archive: archiveName } },
      );
    }
    return { count, size, offset };
  }
  throw new ZipError(
    `${archiveName}: not a complete zip file (no end-of-archive record: truncated download or not a zip)`,
    { code: 'zipTruncated', params: { archive: archiveName } },
  );
}

function zip64Extra(extra, entry) {
  for (let p = 0; p + 4 <= extra.length;) {
    const id = u16(extra, p),
      len = u16(extra, p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      if (entry.size === 0xffffffff) {
        entry.size = u64(extra, q);
        q += 8;
      }
      if (entry.compressedSize === 0xffffffff) {
        entry.compressedSize = u64(extra, q);
        q += 8;
      }
      if (entry.offset === 0xffffffff) {
        entry.offset = u64(extra, q);
      }
    }
    p += 4 + len;
  }
}

// A name that would land outside a folder it were extracted to: "../x",
// "a/../../x", "/etc/x", "C:\x", "\\server\x". Nothing is ever written to
// disk here, but an archive built like that was built to attack someone.
export function climbsOut(name) {
  const unified = name.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[a-zA-Z]:/.test(unified)) return true;
  return unified.split('/').includes('..');
}

// A zip inside the zip: never opened (one level of archive only).
export function isNestedArchive(name) {
  return /\.zip$/i.test(name);
}

// Lists the entries of a zip Blob (no data is read yet). Refuses an archive
// with an entry whose name climbs out of it.
export async function openZip(blob, archiveName) {
  const end = await findEndOfCentralDirectory(blob, archiveName);
  const dir = await bytesOf(blob, end.offset, end.offset + end.size);
  const entries = [];
  for (let p = 0, k = 0; k < end.count; k++) {
    if (p + 46 > dir.length || u32(dir, p) !== CENTRAL) {
      throw new ZipError(`${archiveName}: corrupt zip directory`, {
        code: 'zipCorrupt',
        params: { archive: archiveName },
      });
    }
    const flags = u16(dir, p + 8);
    const nameLength = u16(dir, p + 28),
      extraLength = u16(dir, p + 30),
      commentLength = u16(dir, p + 32);
    const entry = {
      name: decodeName(dir.subarray(p + 46, p + 46 + nameLength)),
      method: u16(dir, p + 10),
      encrypted: (flags & 1) !== 0 || u16(dir, p + 10) === 99, // 99: WinZip AES
      compressedSize: u32(dir, p + 20),
      size: u32(dir, p + 24),
      offset: u32(dir, p + 42),
    };
    zip64Extra(dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
    entry.isDirectory = entry.name.endsWith('/');
    if (climbsOut(entry.name)) {
      throw new ZipError(
        `${archiveName}: the entry "${entry.name}" has a name that climbs out of the archive (${entry.name.includes('..') ? '..' : 'an absolute path'}): ` +
          'a zip built to overwrite files elsewhere, refused',
        { code: 'zipTraversal', params: { archive: archiveName, entry: entry.name } },
      );
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// What the directory says of an entry, checked before anything is inflated.
export function checkEntry(entry, { archiveName, maxBytes = Infinity, limits = ZIP_LIMITS } = {}) {
  const where = `${archiveName}: ${entry.name}`;
  const params = { archive: archiveName, entry: entry.name, compressed: entry.compressedSize, inflated: entry.size };
  if (entry.encrypted) {
    throw new ZipError(
      `${where} is encrypted (password-protected zips cannot be read): unzip it with its password first`,
      { code: 'zipEncrypted', params, entry: entry.name },
    );
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw new ZipError(`${where} uses compression method ${entry.method}; only stored and deflate are supported`, {
      code: 'zipMethod',
      params: { ...params, method: entry.method },
      entry: entry.name,
    });
  }
  const ratio = entry.size / Math.max(1, entry.compressedSize);
  if (entry.size > limits.ratioAfterBytes && ratio > limits.ratio)
    throw bombError(where, { ...params, ratio }, limits, true);
  if (entry.size > maxBytes) {
    throw new ZipError(`${where} would expand to ${mb(entry.size)}, more than the ${mb(maxBytes)} a tab can hold`, {
      code: 'zipTooBig',
      params: { ...params, limit: maxBytes },
      entry: entry.name,
    });
  }
}

function bombError(where, params, limits, declared) {
  const how = declared ? 'says it inflates' : 'inflated';
  return new ZipError(
    `${where} ${how} from ${mb(params.compressed)} to ${declared ? '' : 'more than '}${mb(params.inflated)} ` +
      `(${ratioText(params.ratio)}; real data compress about 3-5 : 1, the limit is ${limits.ratio} : 1): a zip bomb, refused`,
    { code: declared ? 'zipBombDeclared' : 'zipBomb', params: { ...params, limit: limits.ratio }, entry: params.entry },
  );
}

// The compressed bytes of an entry, in pieces of pieceBytes, from the Blob's
// own stream (in Chromium about 1.7x faster than the slice().arrayBuffer()
// reads this once made: 270 against 160 MB/s inflated on ml-25m's
// ratings.csv, the inflater the same); counts what was handed on.
async function* compressedPieces(blob, start, stop, counter, pieceBytes) {
  const reader = blob.slice(start, stop).stream().getReader();
  let finished = false;
  try {
    for (;;) {
      const { value: compressed, done } = await reader.read();
      if (done) break;
      for (let p = 0; p < compressed.length; p += pieceBytes) {
        const piece = compressed.subarray(p, Math.min(compressed.length, p + pieceBytes));
        counter.fed += piece.length;
        yield piece;
      }
    }
    finished = true;
  } finally {
    if (!finished) reader.cancel().catch(() => {});
  }
}

// fflate's streaming Inflate: each piece's output comes out at once.
async function* inflateWithFflate(pieces) {
  let out = [];
  const inflater = new Inflate((chunk) => {
    if (chunk.length) out.push(chunk);
  });
  let previous = null;
  for await (const piece of pieces) {
    if (previous) inflater.push(previous, false);
    previous = piece;
    yield* out;
    out = [];
  }
  inflater.push(previous ?? new Uint8Array(0), true);
  yield* out;
}

// The browser's zlib (Chromium, Firefox 113+, Safari 16.4+, Node 20): pieces
// are written while the output is read, at most MAX_PIECES_IN_FLIGHT whose
// write has not settled (Chromium settles a write once its output is queued;
// Node's zlib only once that output was read). So the compressed bytes handed
// on exceed those inflated by a few pieces at most: the ratio is never
// overestimated, and memory stays bounded.
const MAX_PIECES_IN_FLIGHT = 4;

async function* inflateWithStream(pieces) {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let writeError = null;
  let finished = false;
  const pump = (async () => {
    try {
      const inFlight = [];
      for await (const piece of pieces) {
        await writer.ready;
        const write = writer.write(piece);
        write.catch(() => {}); // a failure shows on the reading side too
        inFlight.push(write);
        while (inFlight.length > MAX_PIECES_IN_FLIGHT) await inFlight.shift();
      }
      await Promise.all(inFlight);
      await writer.close();
    } catch (e) {
      writeError = e;
      reader.cancel(e).catch(() => {});
    }
  })();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (value.length) yield value;
    }
    await pump;
    if (writeError) throw writeError;
    finished = true;
  } finally {
    if (!finished) {
      writer.abort().catch(() => {});
      reader.cancel().catch(() => {});
    }
  }
}

export const hasStreamInflate = (() => {
  try {
    if (typeof DecompressionStream === 'undefined') return false;
    new DecompressionStream('deflate-raw');
    return true;
  } catch {
    return false;
  }
})();

// Copies small output chunks into blocks of `size` bytes (the parser and the
// messages between workers like big ones); a chunk already that big passes as it is.
class Coalescer {
  constructor(size) {
    this.size = size;
    this.block = null;
    this.used = 0;
  }
  // -> full blocks to hand on
  add(chunk) {
    const full = [];
    if (this.used === 0 && chunk.length >= this.size) {
      full.push(chunk);
      return full;
    }
    let at = 0;
    while (at < chunk.length) {
      this.block ??= new Uint8Array(this.size);
      const n = Math.min(this.size - this.used, chunk.length - at);
      this.block.set(chunk.subarray(at, at + n), this.used);
      this.used += n;
      at += n;
      if (this.used === this.size) {
        full.push(this.block);
        this.block = null;
        this.used = 0;
      }
    }
    return full;
  }
  rest() {
    const last = this.used ? this.block.subarray(0, this.used) : null;
    this.block = null;
    this.used = 0;
    return last;
  }
}

// Streams the uncompressed bytes of one entry in chunks of about chunkSize.
// maxBytes caps the expanded size; limits the inflate ratio (see ZIP_LIMITS);
// inflater: 'stream' (DecompressionStream) or 'fflate' (default: stream where there is one).
export async function* readZipEntry(
  blob,
  entry,
  { archiveName, chunkSize = 4 << 20, maxBytes = Infinity, limits = ZIP_LIMITS, inflater } = {},
) {
  const where = `${archiveName}: ${entry.name}`;
  checkEntry(entry, { archiveName, maxBytes, limits });
  const local = await bytesOf(blob, entry.offset, entry.offset + 30);
  if (local.length < 30 || u32(local, 0) !== LOCAL) {
    throw new ZipError(`${where}: corrupt zip (bad local header)`, {
      code: 'zipCorrupt',
      params: { archive: archiveName, entry: entry.name },
    });
  }
  const start = entry.offset + 30 + u16(local, 26) + u16(local, 28);
  const stop = start + entry.compressedSize;
  if (stop > blob.size) {
    throw new ZipError(`${where} is truncated (the zip ends before this entry does — was the download complete?)`, {
      code: 'zipTruncated',
      params: { archive: archiveName, entry: entry.name },
    });
  }

  const which = entry.method === 0 ? 'stored' : (inflater ?? (hasStreamInflate ? 'stream' : 'fflate'));
  const counter = { fed: 0 }; // compressed bytes handed to the inflater so far
  const pieces = compressedPieces(
    blob,
    start,
    stop,
    counter,
    which === 'stream' ? STREAM_PIECE_BYTES : INFLATE_PIECE_BYTES,
  );
  const output =
    which === 'stored' ? pieces : which === 'stream' ? inflateWithStream(pieces) : inflateWithFflate(pieces);
  const blocks = new Coalescer(chunkSize);
  let produced = 0;
  const params = { archive: archiveName, entry: entry.name, compressed: entry.compressedSize, inflated: entry.size };
  let ended = false;
  try {
    for (;;) {
      let next;
      try {
        next = await output.next();
      } catch (e) {
        if (e instanceof ZipError) throw e;
        throw new ZipError(`${where}: corrupt compressed data (${e.message})`, {
          code: 'zipCorrupt',
          params,
          entry: entry.name,
        });
      }
      if (next.done) break;
      // Every inflated byte is counted here before the parser sees any of it.
      const chunk = next.value;
      produced += chunk.length;
      if (produced > entry.size || produced > maxBytes) {
        throw new ZipError(
          `${where} expands beyond its declared size (${mb(entry.size)}): corrupt or a zip bomb, stopped`,
          { code: 'zipBeyondDeclared', params, entry: entry.name },
        );
      }
      const ratio = produced / Math.max(1, counter.fed);
      if (produced > limits.ratioAfterBytes && ratio > limits.ratio) {
        throw bombError(where, { ...params, compressed: counter.fed, inflated: produced, ratio }, limits, false);
      }
      for (const block of blocks.add(chunk)) yield block;
    }
    ended = true;
  } finally {
    if (!ended) await output.return().catch(() => {}); // stops the inflater and the Blob reads
  }
  const rest = blocks.rest();
  if (rest) yield rest;
  if (produced !== entry.size) {
    throw new ZipError(`${where}: corrupt zip (expected ${entry.size} bytes, got ${produced})`, {
      code: 'zipCorrupt',
      params: { archive: archiveName, entry: entry.name },
      entry: entry.name,
    });
  }
}
