/**
 * Reads a zip's central directory without inflating anything: entry names, declared sizes and whether an entry is a
 * symlink. fflate (which does the inflating) does not report file modes, and a package must be refused for a symlink
 * entry or a zip bomb before any data is expanded. Layout from PKWARE's APPNOTE (end of central directory record,
 * central directory file headers); ZIP64 is not needed for unit packages and is refused.
 */

export interface ZipEntry {
  readonly name: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly isSymlink: boolean;
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const EOCD_MIN = 22;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Every central-directory entry; throws on a malformed or ZIP64 archive (with a short English reason). */
export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - EOCD_MIN; i >= Math.max(0, bytes.length - EOCD_MIN - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new Error('ZIP64 archives are not supported');
  if (offset + size > eocd) throw new Error('central directory out of bounds');

  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || view.getUint32(p, true) !== CENTRAL_SIGNATURE) throw new Error(`bad central directory entry ${i}`);
    const madeBy = view.getUint16(p + 4, true);
    const flags = view.getUint16(p + 8, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const externalAttributes = view.getUint32(p + 38, true);
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff) throw new Error('ZIP64 entries are not supported');
    const end = p + 46 + nameLength;
    if (end > eocd) throw new Error(`entry ${i} name out of bounds`);
    const rawName = bytes.subarray(p + 46, end);
    // Bit 11: the name is UTF-8; otherwise read byte for byte (as fflate does, so names agree).
    const name = flags & 0x800 ? new TextDecoder('utf-8', { fatal: true }).decode(rawName) : String.fromCharCode(...rawName);
    const mode = externalAttributes >>> 16;
    const isSymlink = madeBy >> 8 === UNIX_HOST && (mode & S_IFMT) === S_IFLNK;
    entries.push({ name, compressedSize, uncompressedSize, isSymlink });
    p = end + extraLength + commentLength;
  }
  return entries;
}
