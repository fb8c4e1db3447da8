// Reads the .zip files GroupLens publishes without loading them whole: the
// central directory is read from the end of the file, and each wanted entry
// is inflated as a stream of chunks (fflate's streaming Inflate) straight
// from Blob slices. Encrypted, truncated, corrupt and oversized entries fail
// with a message that names the archive and the entry.
import { Inflate } from 'fflate';

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export class ZipError extends Error {}

async function bytesOf(blob, start, end) {
  return new Uint8Array(await blob.slice(start, end).arrayBuffer());
}

// The same, started ahead of need: a read abandoned by a stopped caller must
// not become an unhandled rejection (the worker treats those as fatal).
function readAhead(blob, start, end) {
  const promise = bytesOf(blob, start, end);
  promise.catch(() => {});
  return promise;
}

function u16(b, p) { return b[p] | (b[p + 1] << 8); }
function u32(b, p) { return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0; }
function u64(b, p) { return u32(b, p) + u32(b, p + 4) * 2 ** 32; }

const utf8 = new TextDecoder('utf-8', { fatal: true });
const latin1 = new TextDecoder('latin1');
function decodeName(bytes) {
  try { return utf8.decode(bytes); } catch { return latin1.decode(bytes); }
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
    if ((count === 0xffff || size === 0xffffffff || offset === 0xffffffff) && p >= 20 && u32(tail, p - 20) === ZIP64_LOCATOR) {
      const eocd64At = u64(tail, p - 20 + 8);
      const eocd64 = await bytesOf(blob, eocd64At, eocd64At + 56);
      if (u32(eocd64, 0) !== ZIP64_EOCD) throw new ZipError(`${archiveName}: corrupt zip (bad ZIP64 record)`);
      count = u64(eocd64, 32);
      size = u64(eocd64, 40);
      offset = u64(eocd64, 48);
    }
    if (offset + size > blob.size) throw new ZipError(`${archiveName}: the zip is truncated (its directory points past the end of the file — was the download complete?)`);
    return { count, size, offset };
  }
  throw new ZipError(`${archiveName}: not a complete zip file (no end-of-archive record: truncated download or not a zip)`);
}

function zip64Extra(extra, entry) {
  for (let p = 0; p + 4 <= extra.length;) {
    const id = u16(extra, p), len = u16(extra, p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      if (entry.size === 0xffffffff) { entry.size = u64(extra, q); q += 8; }
      if (entry.compressedSize === 0xffffffff) { entry.compressedSize = u64(extra, q); q += 8; }
      if (entry.offset === 0xffffffff) { entry.offset = u64(extra, q); }
    }
    p += 4 + len;
  }
}

// Lists the entries of a zip Blob (no data is read yet).
export async function openZip(blob, archiveName) {
  const end = await findEndOfCentralDirectory(blob, archiveName);
  const dir = await bytesOf(blob, end.offset, end.offset + end.size);
  const entries = [];
  for (let p = 0, k = 0; k < end.count; k++) {
    if (p + 46 > dir.length || u32(dir, p) !== CENTRAL) throw new ZipError(`${archiveName}: corrupt zip directory`);
    const flags = u16(dir, p + 8);
    const nameLength = u16(dir, p + 28), extraLength = u16(dir, p + 30), commentLength = u16(dir, p + 32);
    const entry = {
      name: decodeName(dir.subarray(p + 46, p + 46 + nameLength)),
      method: u16(dir, p + 10),
      encrypted: (flags & 1) !== 0,
      compressedSize: u32(dir, p + 20),
      size: u32(dir, p + 24),
      offset: u32(dir, p + 42),
    };
    zip64Extra(dir.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
    entry.isDirectory = entry.name.endsWith('/');
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// Streams the uncompressed bytes of one entry, chunk by chunk.
// maxBytes caps the expanded size (a zip bomb stops there).
export async function* readZipEntry(blob, entry, { archiveName, chunkSize = 4 << 20, maxBytes = Infinity } = {}) {
  const where = `${archiveName}: ${entry.name}`;
  if (entry.encrypted) throw new ZipError(`${where} is encrypted (password-protected zips cannot be read)`);
  if (entry.method !== 0 && entry.method !== 8) throw new ZipError(`${where} uses compression method ${entry.method}; only stored and deflate are supported`);
  if (entry.size > maxBytes) throw new ZipError(`${where} would expand to ${entry.size.toLocaleString('en')} bytes, more than the ${maxBytes.toLocaleString('en')} allowed`);
  const local = await bytesOf(blob, entry.offset, entry.offset + 30);
  if (local.length < 30 || u32(local, 0) !== LOCAL) throw new ZipError(`${where}: corrupt zip (bad local header)`);
  const start = entry.offset + 30 + u16(local, 26) + u16(local, 28);
  const stop = start + entry.compressedSize;
  if (stop > blob.size) throw new ZipError(`${where} is truncated (the zip ends before this entry does — was the download complete?)`);

  let produced = 0;
  const pending = [];
  const inflater = entry.method === 8 ? new Inflate((chunk) => pending.push(chunk)) : null;
  // The next compressed chunk is read while this one inflates.
  let nextRead = start < stop ? readAhead(blob, start, Math.min(stop, start + chunkSize)) : null;
  for (let at = start; at < stop; at += chunkSize) {
    const compressed = await nextRead;
    nextRead = at + chunkSize < stop ? readAhead(blob, at + chunkSize, Math.min(stop, at + 2 * chunkSize)) : null;
    if (!inflater) {
      pending.push(compressed);
    } else {
      try {
        inflater.push(compressed, at + chunkSize >= stop);
      } catch (e) {
        throw new ZipError(`${where}: corrupt compressed data (${e.message})`);
      }
    }
    while (pending.length) {
      const chunk = pending.shift();
      produced += chunk.length;
      if (produced > entry.size || produced > maxBytes)
        throw new ZipError(`${where} expands beyond its declared size: corrupt or a zip bomb, stopped`);
      yield chunk;
    }
  }
  if (produced !== entry.size) throw new ZipError(`${where}: corrupt zip (expected ${entry.size} bytes, got ${produced})`);
}
