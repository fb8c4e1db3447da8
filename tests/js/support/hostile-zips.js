// Zips built to hurt, for the worker tests (vitest) and the page tests
// (tests/browser), all under Node: each returns a Uint8Array. Big repetitive
// contents are deflated by Node's zlib (fast) into a zip written here; small
// ones by fflate; then edited where an attacker would (names, flags, sizes).
import zlib from 'node:zlib';
import { zipSync, strToU8 } from 'fflate';

export const MB = 2 ** 20;
const RATING = '1::1::5::978300760\n';

// Offsets of every record with this signature (local 0x04034b50, central 0x02014b50).
export function records(zip, signature) {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const at = [];
  for (let p = 0; p + 4 <= zip.length; p++) if (view.getUint32(p, true) === signature) at.push(p);
  return at;
}

// A one-entry zip of already-deflated data (method 8), sizes told truthfully.
export function zipOfDeflated(name, deflated, size, crc) {
  const nameBytes = strToU8(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const directoryAt = 30 + nameBytes.length + deflated.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + nameBytes.length, 12);
  end.writeUInt32LE(directoryAt, 16);
  return new Uint8Array(Buffer.concat([local, nameBytes, deflated, central, nameBytes, end]));
}

function zipOfBytes(name, data, level = 9) {
  return zipOfDeflated(name, zlib.deflateRawSync(data, { level }), data.length, zlib.crc32(data));
}

// The bomb, smaller: ratings.dat is one rating followed by `newlines`
// newline bytes (MovieLens 1M's format). Its directory tells the truth, so
// the ratio (~1000 : 1) is plain before anything is inflated.
export function declaredBomb(newlines = 72 * MB) {
  const data = Buffer.alloc(RATING.length + newlines, 10);
  data.write(RATING, 0, 'latin1');
  return zipOfBytes('ml-bomb/ratings.dat', data);
}

// A bomb whose directory looks innocent (about 60 : 1 overall): `newlines`
// newlines after one rating, then incompressible bytes that pad the
// compressed size. Only inflating shows the first part runs at ~1000 : 1.
export function disguisedBomb(newlines = 80 * MB, padding = 1.3 * MB) {
  const data = Buffer.alloc(RATING.length + newlines + Math.round(padding), 10);
  data.write(RATING, 0, 'latin1');
  let x = 2463534242;
  for (let p = RATING.length + newlines; p < data.length; p++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    data[p] = x & 0xff;
  }
  return zipOfBytes('ml-bomb/ratings.dat', data, 6);
}

// A zip that holds only another zip (a GroupLens zip zipped again).
export function nestedZip(inner) {
  return zipSync({ 'download/ml-tiny.zip': [inner, { level: 0 }] });
}

// A zip whose data file is named to climb out of the folder it would be
// extracted to.
export function traversalZip(ratings, name = '../../evil/ratings.csv') {
  return zipSync({ [name]: strToU8(ratings) });
}

// The same files with the "encrypted" flag set (central directory and local headers).
export function encryptedZip(files) {
  const zip = zipSync(files);
  for (const p of records(zip, 0x02014b50)) zip[p + 8] |= 1;
  for (const p of records(zip, 0x04034b50)) zip[p + 6] |= 1;
  return zip;
}

// The first `fraction` of a zip, as an interrupted download leaves it.
export function truncatedZip(files, fraction = 0.6) {
  const zip = zipSync(files);
  return zip.slice(0, Math.floor(zip.length * fraction));
}
