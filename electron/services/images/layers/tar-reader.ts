// A push-based tar reader for the image archive and the layers inside it.
// Not tar-stream: its Extract makes a stream per entry (and an await for each
// on the consumer's side), which costs more than the reading itself on a layer
// of 100,000 small files, and it decodes PAX names as UTF-8, so a name with
// invalid bytes lost them before we could keep them distinct. Here headers are
// parsed in place from the chunk that holds them, names stay raw bytes, and a
// body nobody asked for is skipped without being copied.
import { copyBytes } from './tar-names.ts';

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface TarHeader {
  /** Raw bytes (PAX `path` or GNU long name when given); may view the caller's chunk: copy to keep. */
  name: Uint8Array;
  linkname: Uint8Array;
  type: TarEntryType;
  size: number;
  mode: number;
  uid: number;
  gid: number;
}

/** Receives an entry's body; `end` once it is complete. */
export interface BodySink {
  data(chunk: Uint8Array): void;
  end(): void;
}

/** Called per entry; return a sink to receive its body, or null to skip it. */
export type EntryHandler = (header: TarHeader) => BodySink | null;

const BLOCK = 512;
/** PAX and GNU long-name bodies are held in memory: a bigger one is not a real archive. */
const MAX_META_BYTES = 1 << 20;

export class TarFormatError extends Error {
  override name = 'TarFormatError';
}

interface PaxOverrides {
  path?: Uint8Array;
  linkpath?: Uint8Array;
  size?: number;
  uid?: number;
  gid?: number;
}

export class TarReader {
  readonly #onEntry: EntryHandler;
  /** A header split across chunks. */
  readonly #headerCarry = new Uint8Array(BLOCK);
  #headerFill = 0;
  /** Bytes of the current body still to come, then its padding to the next block. */
  #bodyLeft = 0;
  #padLeft = 0;
  #sink: BodySink | null = null;
  /** A PAX or GNU long-name body being collected. */
  #meta: { type: number; parts: Uint8Array[]; length: number } | null = null;
  #pax: PaxOverrides = {};
  #globalPax: PaxOverrides = {};
  #longName: Uint8Array | undefined;
  #longLink: Uint8Array | undefined;
  #zeroBlocks = 0;
  #offset = 0;

  constructor(onEntry: EntryHandler) {
    this.#onEntry = onEntry;
  }

  /** Bytes consumed so far. */
  get offset(): number {
    return this.#offset;
  }

  /** True once the two zero blocks that close an archive were read. */
  get ended(): boolean {
    return this.#zeroBlocks >= 2;
  }

  write(chunk: Uint8Array): void {
    let at = 0;
    const length = chunk.length;
    while (at < length) {
      if (this.#bodyLeft > 0) {
        const take = Math.min(this.#bodyLeft, length - at);
        const part = chunk.subarray(at, at + take);
        if (this.#meta) this.#collectMeta(part);
        else this.#sink?.data(part);
        at += take;
        this.#bodyLeft -= take;
        if (this.#bodyLeft === 0) this.#finishBody();
        continue;
      }
      if (this.#padLeft > 0) {
        const take = Math.min(this.#padLeft, length - at);
        at += take;
        this.#padLeft -= take;
        continue;
      }
      if (this.ended) {
        // Anything after the end marker (GNU tar pads to 10 kB records) is not read.
        break;
      }
      if (this.#headerFill === 0 && length - at >= BLOCK) {
        this.#header(chunk, at);
        at += BLOCK;
        continue;
      }
      const take = Math.min(BLOCK - this.#headerFill, length - at);
      this.#headerCarry.set(chunk.subarray(at, at + take), this.#headerFill);
      this.#headerFill += take;
      at += take;
      if (this.#headerFill === BLOCK) {
        this.#headerFill = 0;
        this.#header(this.#headerCarry, 0);
      }
    }
    this.#offset += length;
  }

  /**
   * Throws when the input stopped inside an entry, or (unless `needMarker` is
   * false) before the end marker: a layer's own tar may lack one when another
   * tool wrote it, and its diffID still proves it whole.
   */
  end(needMarker = true): void {
    const unfinished = this.#bodyLeft > 0 || this.#headerFill > 0 || this.#padLeft > 0;
    if (unfinished || (needMarker && this.#zeroBlocks === 0)) {
      throw new TarFormatError(`the archive ended early, after ${this.#offset} bytes`);
    }
  }

  #header(buf: Uint8Array, at: number): void {
    if (isZeroBlock(buf, at)) {
      this.#zeroBlocks++;
      return;
    }
    this.#zeroBlocks = 0;
    checkChecksum(buf, at, this.#offset);
    const typeByte = buf[at + 156]!;
    const pax = this.#pax;
    const size = pax.size ?? readNumber(buf, at + 124, 12);
    // A PAX or long-name record describes the next header: its body is collected.
    if (
      typeByte === 0x78 /* x */ ||
      typeByte === 0x67 /* g */ ||
      typeByte === 0x4c /* L */ ||
      typeByte === 0x4b /* K */
    ) {
      if (size > MAX_META_BYTES) {
        throw new TarFormatError(`a ${size}-byte tar extension header is not plausible`);
      }
      this.#meta = { type: typeByte, parts: [], length: 0 };
      this.#startBody(size);
      return;
    }
    const isUstar = buf[at + 257] === 0x75 && buf[at + 262] === 0 && buf[at + 263] === 0x30; // "ustar\0" "00"
    let name = this.#longName ?? pax.path ?? this.#globalPax.path;
    if (!name) {
      const base = cString(buf, at, 100);
      const prefix = isUstar ? cString(buf, at + 345, 155) : undefined;
      name = prefix && prefix.length > 0 ? joinPrefix(prefix, base) : base;
    }
    const linkname = this.#longLink ?? pax.linkpath ?? cString(buf, at + 157, 100);
    const header: TarHeader = {
      name,
      linkname,
      type: entryType(typeByte),
      size,
      mode: readNumber(buf, at + 100, 8),
      uid: pax.uid ?? this.#globalPax.uid ?? readNumber(buf, at + 108, 8),
      gid: pax.gid ?? this.#globalPax.gid ?? readNumber(buf, at + 116, 8),
    };
    this.#pax = {};
    this.#longName = undefined;
    this.#longLink = undefined;
    // Links and folders carry no body whatever their size field says.
    const bodySize =
      header.type === 'hardlink' || header.type === 'symlink' || header.type === 'dir' ? 0 : size;
    this.#sink = this.#onEntry(header);
    this.#startBody(bodySize);
  }

  #startBody(size: number): void {
    this.#bodyLeft = size;
    this.#padLeft = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.#finishBody();
  }

  #collectMeta(part: Uint8Array): void {
    const meta = this.#meta!;
    // The chunk is the caller's: copy, it is reused or freed after write() returns.
    meta.parts.push(copyBytes(part));
    meta.length += part.length;
  }

  #finishBody(): void {
    const meta = this.#meta;
    if (meta) {
      this.#meta = null;
      const body = concat(meta.parts, meta.length);
      if (meta.type === 0x4c) this.#longName = cString(body, 0, body.length);
      else if (meta.type === 0x4b) this.#longLink = cString(body, 0, body.length);
      else if (meta.type === 0x78) this.#pax = parsePax(body);
      else this.#globalPax = parsePax(body);
      return;
    }
    const sink = this.#sink;
    this.#sink = null;
    sink?.end();
  }
}

function entryType(typeByte: number): TarEntryType {
  switch (typeByte) {
    case 0:
    case 0x30: // '0'
    case 0x37: // '7': contiguous file, a file everywhere that matters
      return 'file';
    case 0x31:
      return 'hardlink';
    case 0x32:
      return 'symlink';
    case 0x35:
      return 'dir';
    default:
      return 'other';
  }
}

function isZeroBlock(buf: Uint8Array, at: number): boolean {
  // The checksum field of a real header is never zero, so look there first.
  if (buf[at + 148] !== 0) return false;
  for (let i = at; i < at + BLOCK; i++) if (buf[i] !== 0) return false;
  return true;
}

function checkChecksum(buf: Uint8Array, at: number, offset: number): void {
  let sum = 0;
  for (let i = at; i < at + 148; i++) sum += buf[i]!;
  sum += 8 * 0x20; // the checksum field counts as spaces
  for (let i = at + 156; i < at + BLOCK; i++) sum += buf[i]!;
  const stored = readOctal(buf, at + 148, 8);
  if (stored !== sum) {
    throw new TarFormatError(`not a tar archive: bad header checksum at byte ${offset + at}`);
  }
}

function readNumber(buf: Uint8Array, at: number, length: number): number {
  // GNU base-256: the high bit of the first byte set, a big-endian number follows.
  if ((buf[at]! & 0x80) !== 0) {
    let value = buf[at]! & 0x7f;
    for (let i = at + 1; i < at + length; i++) value = value * 256 + buf[i]!;
    return value;
  }
  return readOctal(buf, at, length);
}

function readOctal(buf: Uint8Array, at: number, length: number): number {
  let value = 0;
  let i = at;
  const end = at + length;
  while (i < end && (buf[i] === 0x20 || buf[i] === 0)) i++;
  for (; i < end; i++) {
    const c = buf[i]!;
    if (c < 0x30 || c > 0x37) break;
    value = value * 8 + (c - 0x30);
  }
  return value;
}

function cString(buf: Uint8Array, at: number, length: number): Uint8Array {
  let end = at;
  const limit = at + length;
  while (end < limit && buf[end] !== 0) end++;
  return buf.subarray(at, end);
}

function joinPrefix(prefix: Uint8Array, base: Uint8Array): Uint8Array {
  const out = new Uint8Array(prefix.length + 1 + base.length);
  out.set(prefix, 0);
  out[prefix.length] = 0x2f;
  out.set(base, prefix.length + 1);
  return out;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const latin1 = new TextDecoder('latin1');

/** PAX records are `LEN KEY=VALUE\n`; values are raw bytes (a path may hold any). */
function parsePax(body: Uint8Array): PaxOverrides {
  const out: PaxOverrides = {};
  let at = 0;
  while (at < body.length) {
    let space = at;
    while (space < body.length && body[space] !== 0x20) space++;
    const length = Number(latin1.decode(body.subarray(at, space)));
    if (!Number.isInteger(length) || length <= 0 || at + length > body.length) break;
    const record = body.subarray(space + 1, at + length - 1);
    const eq = record.indexOf(0x3d);
    if (eq > 0) {
      const key = latin1.decode(record.subarray(0, eq));
      const value = copyBytes(record.subarray(eq + 1));
      if (key === 'path') out.path = value;
      else if (key === 'linkpath') out.linkpath = value;
      else if (key === 'size') out.size = Number(latin1.decode(value));
      else if (key === 'uid') out.uid = Number(latin1.decode(value));
      else if (key === 'gid') out.gid = Number(latin1.decode(value));
    }
    at += length;
  }
  return out;
}
