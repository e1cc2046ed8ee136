// `docker logs -t` bytes into lines. A container without a TTY answers the
// engine's 8-byte framed stream (one frame per log message: stream type, three
// zero bytes, big-endian length); one with a TTY answers the raw bytes. Every
// message starts with its timestamp. json-file stores a line longer than 16 KiB
// as several messages, each with its own timestamp and only the last with a
// newline: the timestamps inside a line are taken out, so the line comes back
// whole, as `docker logs` without `-t` prints it. Each stream has its own UTF-8
// decoder (LineSplitter), so a character cut between two messages survives,
// and an endless line is handed out in bounded pieces.
import type { LogLine, LogStreamName } from '../../contract/container-logs-channels.ts';
import { LineSplitter } from '../../contract/line-splitter.ts';

/** The longest piece of a line one record carries. */
export const MAX_PIECE_CHARS = 16 * 1024;
/**
 * Where the engine's copier cuts a line without a newline into messages (its
 * buffer size: 16 KiB for json-file, 1 MiB for local), so where a raw stream
 * may hold a timestamp inside a line.
 */
const PARTIAL_BYTES = [16 * 1024, 1024 * 1024];
/** `2006-01-02T15:04:05.000000000Z ` (the engine's RFC3339NanoFixed, then a space). */
const TS_BYTES = 31;
const TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z $/;
const NEWLINE = 0x0a;

/** One stream's messages into lines, its timestamps taken out. */
class MessageLines {
  readonly #stream: LogStreamName;
  readonly #splitter: LineSplitter;
  /** Bytes of a timestamp being read; null while reading a message's text. */
  #head: number[] | null = [];
  /** When the message being read started, and the line being read. */
  #messageTs = '';
  #lineTs = '';
  #lineOpen = false;
  /** Text bytes since the last timestamp (raw streams only: where the next one may sit). */
  #sinceTs = 0;

  constructor(stream: LogStreamName, maxPieceChars: number) {
    this.#stream = stream;
    this.#splitter = new LineSplitter({ maxLineChars: maxPieceChars });
  }

  /** A frame starts: a new message, so a timestamp comes first. */
  startMessage(): void {
    this.#head = [];
  }

  /** Message bytes; `raw` finds message starts itself (after a newline, or 16 KiB into a line). */
  push(bytes: Uint8Array, raw: boolean, out: LogLine[]): void {
    let i = 0;
    while (i < bytes.length) {
      if (this.#head) {
        i = this.#readHead(bytes, i, out);
        continue;
      }
      let end = bytes.length;
      if (raw) {
        const newline = bytes.indexOf(NEWLINE, i);
        const cut = PARTIAL_BYTES.find((b) => b > this.#sinceTs);
        const toCut = cut === undefined ? end : i + (cut - this.#sinceTs);
        end = Math.min(end, newline === -1 ? end : newline + 1, toCut);
      }
      this.#text(bytes.subarray(i, end), out);
      this.#sinceTs += end - i;
      i = end;
      if (raw && (bytes[end - 1] === NEWLINE || PARTIAL_BYTES.includes(this.#sinceTs))) {
        this.#head = [];
      }
    }
  }

  end(out: LogLine[]): void {
    if (this.#head?.length) this.#text(Uint8Array.from(this.#head), out);
    this.#head = null;
    this.#lines(this.#splitter.endParts(), out);
  }

  #readHead(bytes: Uint8Array, from: number, out: LogLine[]): number {
    const head = this.#head!;
    let i = from;
    while (i < bytes.length && head.length < TS_BYTES) head.push(bytes[i++]!);
    if (head.length < TS_BYTES) return i;
    this.#head = null;
    const text = String.fromCharCode(...head);
    if (TS.test(text)) {
      this.#messageTs = text.slice(0, -1);
      if (!this.#lineOpen) this.#lineTs = this.#messageTs;
      this.#sinceTs = 0;
    } else {
      // Not a timestamp after all (another log driver's cut): it was text.
      this.#text(Uint8Array.from(head), out);
      this.#sinceTs += head.length;
    }
    return i;
  }

  #text(bytes: Uint8Array, out: LogLine[]): void {
    if (bytes.length === 0) return;
    this.#lineOpen = bytes[bytes.length - 1] !== NEWLINE;
    this.#lines(this.#splitter.pushParts(bytes), out);
  }

  #lines(parts: { text: string; ends: boolean }[], out: LogLine[]): void {
    for (const p of parts) {
      const line: LogLine = {
        stream: this.#stream,
        ts: this.#lineTs || this.#messageTs,
        text: p.text,
      };
      if (!p.ends) line.part = true;
      out.push(line);
      // The next line started in the message being read.
      if (p.ends) this.#lineTs = this.#messageTs;
    }
  }
}

export class LogDecoder {
  readonly #tty: boolean;
  readonly #streams: Record<LogStreamName, MessageLines>;
  readonly #frames = new FrameReader();

  constructor(opts: { tty: boolean; maxPieceChars?: number }) {
    this.#tty = opts.tty;
    const max = opts.maxPieceChars ?? MAX_PIECE_CHARS;
    this.#streams = {
      stdout: new MessageLines('stdout', max),
      stderr: new MessageLines('stderr', max),
    };
  }

  push(chunk: Uint8Array): LogLine[] {
    const out: LogLine[] = [];
    if (this.#tty) this.#streams.stdout.push(chunk, true, out);
    else {
      this.#frames.push(chunk, (type, payload, first) => {
        const lines = this.#streams[type === 2 ? 'stderr' : 'stdout'];
        if (first) lines.startMessage();
        lines.push(payload, false, out);
      });
    }
    return out;
  }

  end(): LogLine[] {
    const out: LogLine[] = [];
    this.#streams.stdout.end(out);
    this.#streams.stderr.end(out);
    return out;
  }
}

/** The engine's framed stream into payload pieces, told which stream (1 stdout, 2 stderr) each is of. */
export class FrameReader {
  #header: number[] = [];
  #left = 0;
  #type = 1;

  push(
    chunk: Uint8Array,
    payload: (type: number, bytes: Uint8Array, firstOfFrame: boolean) => void,
  ): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.#left === 0) {
        while (i < chunk.length && this.#header.length < 8) this.#header.push(chunk[i++]!);
        if (this.#header.length < 8) return;
        const h = this.#header;
        this.#header = [];
        this.#type = h[0]!;
        this.#left = ((h[4]! << 24) >>> 0) + (h[5]! << 16) + (h[6]! << 8) + h[7]!;
        // An empty frame still starts a message (an empty partial).
        if (this.#left === 0) payload(this.#type, new Uint8Array(0), true);
        else this.#first = true;
        continue;
      }
      const take = Math.min(this.#left, chunk.length - i);
      payload(this.#type, chunk.subarray(i, i + take), this.#first);
      this.#first = false;
      this.#left -= take;
      i += take;
    }
  }

  #first = false;
}
