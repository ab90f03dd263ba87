/**
 * The zip format, as far as SCORM packages need it. Reading is our own: fflate's unzip neither
 * exposes the external attributes (symlinks) nor lets us stop inflating an entry that turns out
 * larger than it says, and an uploaded package must be checked before anything of it is trusted.
 * Writing goes through fflate with a fixed timestamp, so the same files give the same bytes.
 */
import { Inflate, zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  /** The name as stored (UTF-8), not yet checked or normalised. */
  readonly name: string;
  readonly isDirectory: boolean;
  /** A Unix symlink: the entry's data is a link target, never a file to serve. */
  readonly isSymlink: boolean;
  readonly isEncrypted: boolean;
  /** 0 stored, 8 deflate; anything else cannot be read. */
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  /** What the central directory declares; inflateEntry holds the entry to it. */
  readonly size: number;
  readonly centralHeaderOffset: number;
  readonly localHeaderOffset: number;
}

export type ZipFormatProblem =
  | 'no-end-record'
  | 'multi-disk'
  | 'zip64'
  | 'too-many-entries'
  | 'truncated'
  | 'name-not-utf8';

/** The bytes are not a zip this reader accepts; `problem` says why. */
export class InvalidZipError extends Error {
  override readonly name = 'InvalidZipError';
  constructor(
    readonly problem: ZipFormatProblem,
    /** For 'too-many-entries': the number of entries the zip declares. */
    readonly entryCount?: number,
  ) {
    super(`Invalid zip: ${problem}`);
  }
}

const END_RECORD_SIGNATURE = 0x06054b50;
const CENTRAL_HEADER_SIGNATURE = 0x02014b50;
const LOCAL_HEADER_SIGNATURE = 0x04034b50;
const END_RECORD_SIZE = 22;
const CENTRAL_HEADER_SIZE = 46;
const LOCAL_HEADER_SIZE = 30;
const MAX_COMMENT_SIZE = 0xffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const HOST_UNIX = 3;
const HOST_MACOS = 19;
const FILE_TYPE_MASK = 0o170000;
const FILE_TYPE_SYMLINK = 0o120000;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the central directory. Throws InvalidZipError when the bytes are not a single-disk,
 * non-ZIP64 zip or declare more than `maxEntries` entries (checked before any entry is read).
 */
export function readZipDirectory(zip: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = findEndRecord(view);
  const disk = view.getUint16(end + 4, true);
  const directoryDisk = view.getUint16(end + 6, true);
  const entriesOnDisk = view.getUint16(end + 8, true);
  const entryCount = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    throw new InvalidZipError('zip64');
  }
  if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== entryCount) throw new InvalidZipError('multi-disk');
  if (entryCount > maxEntries) throw new InvalidZipError('too-many-entries', entryCount);
  if (directoryOffset + directorySize > end) throw new InvalidZipError('truncated');

  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < entryCount; index++) {
    if (offset + CENTRAL_HEADER_SIZE > end || view.getUint32(offset, true) !== CENTRAL_HEADER_SIGNATURE) {
      throw new InvalidZipError('truncated');
    }
    const entry = readCentralHeader(zip, view, offset);
    entries.push(entry);
    offset +=
      CENTRAL_HEADER_SIZE +
      view.getUint16(offset + 28, true) +
      view.getUint16(offset + 30, true) +
      view.getUint16(offset + 32, true);
  }
  return entries;
}

function findEndRecord(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - END_RECORD_SIZE - MAX_COMMENT_SIZE);
  for (let offset = view.byteLength - END_RECORD_SIZE; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === END_RECORD_SIGNATURE) return offset;
  }
  throw new InvalidZipError('no-end-record');
}

function readCentralHeader(zip: Uint8Array, view: DataView, offset: number): ZipEntry {
  const madeBy = view.getUint16(offset + 4, true);
  const flags = view.getUint16(offset + 8, true);
  const nameLength = view.getUint16(offset + 28, true);
  const externalAttributes = view.getUint32(offset + 38, true);
  const compressedSize = view.getUint32(offset + 20, true);
  const size = view.getUint32(offset + 24, true);
  const localHeaderOffset = view.getUint32(offset + 42, true);
  if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff) {
    throw new InvalidZipError('zip64');
  }
  const nameStart = offset + CENTRAL_HEADER_SIZE;
  if (nameStart + nameLength > zip.byteLength) throw new InvalidZipError('truncated');
  const name = decodeName(zip.subarray(nameStart, nameStart + nameLength), flags);
  const host = madeBy >> 8;
  const unixMode = externalAttributes >>> 16;
  return {
    name,
    isDirectory: name.endsWith('/'),
    isSymlink: (host === HOST_UNIX || host === HOST_MACOS) && (unixMode & FILE_TYPE_MASK) === FILE_TYPE_SYMLINK,
    isEncrypted: (flags & FLAG_ENCRYPTED) !== 0,
    method: view.getUint16(offset + 10, true),
    crc32: view.getUint32(offset + 16, true),
    compressedSize,
    size,
    centralHeaderOffset: offset,
    localHeaderOffset,
  };
}

// Names without the UTF-8 flag are officially CP437, but zip tools write UTF-8 there too; a name
// that is not valid UTF-8 is refused rather than guessed at.
function decodeName(bytes: Uint8Array, flags: number): string {
  try {
    return utf8.decode(bytes);
  } catch {
    if ((flags & FLAG_UTF8) === 0 && bytes.every((byte) => byte < 0x80)) return String.fromCharCode(...bytes);
    throw new InvalidZipError('name-not-utf8');
  }
}

export type InflateProblem =
  | 'unsupported-method'
  | 'encrypted'
  | 'truncated'
  | 'local-header-mismatch'
  | 'corrupt'
  | 'larger-than-declared'
  | 'smaller-than-declared'
  | 'checksum-mismatch';

export type InflateResult = { ok: true; data: Uint8Array } | { ok: false; problem: InflateProblem };

// Small input chunks bound what one push can produce: deflate expands at most about 1032:1, so a
// 16 KiB chunk yields at most some 16 MiB before the size guard below can stop it.
const INFLATE_CHUNK_BYTES = 16 * 1024;

/**
 * The entry's data, held to its declared size: inflating stops as soon as the output passes it
 * (a zip bomb that lies about its size never gets further), and the CRC-32 must match.
 */
export function inflateEntry(zip: Uint8Array, entry: ZipEntry): InflateResult {
  if (entry.isEncrypted) return { ok: false, problem: 'encrypted' };
  if (entry.method !== 0 && entry.method !== 8) return { ok: false, problem: 'unsupported-method' };
  const located = locateData(zip, entry);
  if (!located.ok) return located;
  const compressed = zip.subarray(located.start, located.start + entry.compressedSize);
  const data = entry.method === 0 ? compressed : inflateWithin(compressed, entry.size);
  if (typeof data === 'string') return { ok: false, problem: data };
  if (data.byteLength < entry.size) return { ok: false, problem: 'smaller-than-declared' };
  if (data.byteLength > entry.size) return { ok: false, problem: 'larger-than-declared' };
  if (crc32(data) !== entry.crc32) return { ok: false, problem: 'checksum-mismatch' };
  return { ok: true, data };
}

function locateData(zip: Uint8Array, entry: ZipEntry): { ok: true; start: number } | { ok: false; problem: InflateProblem } {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const header = entry.localHeaderOffset;
  if (header + LOCAL_HEADER_SIZE > zip.byteLength || view.getUint32(header, true) !== LOCAL_HEADER_SIGNATURE) {
    return { ok: false, problem: 'truncated' };
  }
  const nameLength = view.getUint16(header + 26, true);
  const extraLength = view.getUint16(header + 28, true);
  const nameStart = header + LOCAL_HEADER_SIZE;
  const start = nameStart + nameLength + extraLength;
  if (start + entry.compressedSize > zip.byteLength) return { ok: false, problem: 'truncated' };
  // Two different names for one entry would let another zip reader see another file than we checked.
  const centralNameStart = entry.centralHeaderOffset + CENTRAL_HEADER_SIZE;
  const centralName = zip.subarray(centralNameStart, centralNameStart + view.getUint16(entry.centralHeaderOffset + 28, true));
  if (!sameBytes(zip.subarray(nameStart, nameStart + nameLength), centralName)) {
    return { ok: false, problem: 'local-header-mismatch' };
  }
  return { ok: true, start };
}

class OutputLimitReached extends Error {}

function inflateWithin(compressed: Uint8Array, declaredSize: number): Uint8Array | InflateProblem {
  const output = new Uint8Array(declaredSize);
  let written = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    if (written + chunk.byteLength > declaredSize) throw new OutputLimitReached();
    output.set(chunk, written);
    written += chunk.byteLength;
    if (final) ended = true;
  });
  try {
    for (let offset = 0; offset < compressed.byteLength; offset += INFLATE_CHUNK_BYTES) {
      const end = Math.min(offset + INFLATE_CHUNK_BYTES, compressed.byteLength);
      inflate.push(compressed.subarray(offset, end), end === compressed.byteLength);
    }
    if (compressed.byteLength === 0) inflate.push(new Uint8Array(0), true);
  } catch (error) {
    return error instanceof OutputLimitReached ? 'larger-than-declared' : 'corrupt';
  }
  if (!ended) return 'corrupt';
  return output.subarray(0, written);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index]);
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value;
});

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipFileInput {
  readonly path: string;
  readonly data: Uint8Array;
  /** Unix mode bits including the file type, e.g. 0o100644; only tests need other values. */
  readonly unixMode?: number;
}

// Local time on purpose: fflate converts with the local-time getters, so this date gives the same
// DOS timestamp whatever the machine's time zone is.
const FIXED_MODIFICATION_TIME = new Date(2020, 0, 1, 0, 0, 0);

/** A zip of the files in the given order, deflated, always byte-for-byte the same for the same input. */
export function writeZip(files: readonly ZipFileInput[]): Uint8Array {
  const zippable: Zippable = {};
  for (const file of files) {
    if (Object.hasOwn(zippable, file.path)) throw new Error(`writeZip: ${file.path} is given twice`);
    zippable[file.path] = [
      file.data,
      {
        mtime: FIXED_MODIFICATION_TIME,
        level: 9,
        ...(file.unixMode === undefined ? {} : { os: HOST_UNIX, attrs: (file.unixMode << 16) >>> 0 }),
      },
    ];
  }
  return zipSync(zippable);
}
