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
    const text = typeof chunk === 'string' ? chunk : this.#decoder.decode(chunk, { stream: true });
    const lines: string[] = [];
    const parts = (this.#partial + text).split('\n');
    this.#partial = parts.pop() ?? '';
    for (const part of parts) this.#emit(withoutCr(part), lines);
    while (this.#partial.length > this.#maxLineChars) {
      const cut = this.#cutAt(this.#partial);
      lines.push(this.#partial.slice(0, cut));
      this.#partial = this.#partial.slice(cut);
    }
    return lines;
  }

  /** The stream ended: its last line, when it had no newline (and any cut-off character as U+FFFD). */
  end(): string[] {
    const rest = this.#partial + this.#decoder.decode();
    this.#partial = '';
    const lines: string[] = [];
    if (rest !== '') this.#emit(withoutCr(rest), lines);
    return lines;
  }

  /** Forgets what is buffered: the source starts over (a log file truncated). */
  reset(): void {
    this.#partial = '';
    this.#decoder = new TextDecoder('utf-8');
  }

  #emit(line: string, into: string[]): void {
    let rest = line;
    while (rest.length > this.#maxLineChars) {
      const cut = this.#cutAt(rest);
      into.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    into.push(rest);
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
