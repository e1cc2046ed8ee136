// Newline-delimited text from a stream (the engine's JSON lines, a log file,
// our own streams' frames) back into whole lines. One splitter per stream:
// a line, or a UTF-8 character, may be cut across two chunks, so both the
// partial line and the decoder's half character wait for the next chunk.

/** The part of the platform's TextDecoder this needs (the contract sees neither DOM nor Node types). */
interface Utf8Decoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
}
declare const TextDecoder: new (label: 'utf-8') => Utf8Decoder;

/** Longer lines are handed out in pieces of this many characters, unless told otherwise. */
export const MAX_LINE_CHARS = 1 << 20;

interface LineSplitterOptions {
  /**
   * A line longer than this is handed out in pieces of at most this many
   * characters, so one endless line cannot grow memory without bound.
   */
  maxLineChars?: number;
}

/** A whole line, or a piece of a long one (`ends` false until its last piece). */
export interface LinePart {
  text: string;
  ends: boolean;
}

export class LineSplitter {
  readonly #maxLineChars: number;
  #decoder: Utf8Decoder = new TextDecoder('utf-8');
  #partial = '';

  constructor(opts: LineSplitterOptions = {}) {
    this.#maxLineChars = Math.max(2, opts.maxLineChars ?? MAX_LINE_CHARS);
  }

  /**
   * The lines `chunk` completes, without their `\n` or `\r\n`; empty lines
   * included. Text is taken as is, bytes are decoded as UTF-8.
   */
  push(chunk: Uint8Array | string): string[] {
    return this.pushParts(chunk).map((p) => p.text);
  }

  /**
   * Like push, but says which pieces end their line: a log view shows the
   * pieces of an endless line as they come, and still knows where it ends.
   */
  pushParts(chunk: Uint8Array | string): LinePart[] {
    const text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    const parts: LinePart[] = [];
    const pieces = (this.#partial + text).split('\n');
    this.#partial = pieces.pop() ?? '';
    for (const piece of pieces) this.#emit(withoutCr(piece), parts);
    while (this.#partial.length > this.#maxLineChars) {
      const cut = this.#cutAt(this.#partial);
      parts.push({ text: this.#partial.slice(0, cut), ends: false });
      this.#partial = this.#partial.slice(cut);
    }
    return parts;
  }

  /** The stream ended: its last line, when it had no newline (and any cut-off character as U+FFFD). */
  end(): string[] {
    return this.endParts().map((p) => p.text);
  }

  endParts(): LinePart[] {
    const rest = this.#partial + this.#decoder.decode();
    this.#partial = '';
    const parts: LinePart[] = [];
    if (rest !== '') this.#emit(withoutCr(rest), parts);
    return parts;
  }

  /** Forgets what is buffered: the source starts over (a log file truncated). */
  reset(): void {
    this.#partial = '';
    this.#decoder = new TextDecoder('utf-8');
  }

  #emit(line: string, into: LinePart[]): void {
    let rest = line;
    while (rest.length > this.#maxLineChars) {
      const cut = this.#cutAt(rest);
      into.push({ text: rest.slice(0, cut), ends: false });
      rest = rest.slice(cut);
    }
    into.push({ text: rest, ends: true });
  }

  /** Where to cut a piece: never between the two halves of a surrogate pair. */
  #cutAt(text: string): number {
    const code = text.charCodeAt(this.#maxLineChars - 1);
    return code >= 0xd800 && code <= 0xdbff ? this.#maxLineChars - 1 : this.#maxLineChars;
  }
}

function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
