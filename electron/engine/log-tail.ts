// Follows dockerd's log file and hands out whole lines. dockerd writes to the
// file itself (not to a pipe of ours), so its output survives the app being
// killed, and an adopted engine's log can be followed the same way.

import { open } from 'node:fs/promises';
import { LineSplitter } from '../contract/line-splitter.ts';
import type { Clock, TimerHandle } from './clock.ts';

interface LogTailOptions {
  clock: Clock;
  onLine: (line: string) => void;
  /** Read failures, with context; the tail keeps polling. */
  onError: (error: Error) => void;
  intervalMs?: number;
  /** A line longer than this is handed out in pieces, so a runaway line cannot grow memory. */
  maxLineChars?: number;
}

export class LogTail {
  readonly #path: string;
  readonly #clock: Clock;
  readonly #onLine: (line: string) => void;
  readonly #onError: (error: Error) => void;
  readonly #intervalMs: number;
  readonly #lines: LineSplitter;
  #position = 0;
  #skipFirstLine = false;
  #timer: TimerHandle | null = null;
  #running = false;
  #chain: Promise<void> = Promise.resolve();

  constructor(path: string, opts: LogTailOptions) {
    this.#path = path;
    this.#clock = opts.clock;
    this.#onLine = opts.onLine;
    this.#onError = opts.onError;
    this.#intervalMs = opts.intervalMs ?? 200;
    this.#lines = new LineSplitter({ maxLineChars: opts.maxLineChars ?? 16_384 });
  }

  /**
   * Starts following. With `lastBytes`, begins that far before the end (to
   * show an adopted engine's recent lines) and drops the cut-off first line.
   */
  async start(opts: { lastBytes?: number } = {}): Promise<void> {
    if (opts.lastBytes !== undefined) {
      const size = await this.#size();
      this.#position = Math.max(0, size - opts.lastBytes);
      this.#skipFirstLine = this.#position > 0;
    }
    this.#running = true;
    this.#schedule();
  }

  /** Reads everything written so far; used before reporting an exit so the last words are in. */
  drain(): Promise<void> {
    this.#chain = this.#chain.then(() => this.#read());
    return this.#chain;
  }

  stop(): void {
    this.#running = false;
    if (this.#timer !== null) this.#clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    if (!this.#running) return;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      void this.drain().then(() => this.#schedule());
    }, this.#intervalMs);
  }

  async #size(): Promise<number> {
    try {
      const handle = await open(this.#path, 'r');
      try {
        return (await handle.stat()).size;
      } finally {
        await handle.close();
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw error;
    }
  }

  /** Never rejects: failures go to onError, so one bad read does not stop the tail. */
  async #read(): Promise<void> {
    try {
      const handle = await open(this.#path, 'r');
      try {
        const { size } = await handle.stat();
        if (size < this.#position) {
          // Truncated or replaced: start over rather than wait for it to regrow.
          this.#position = 0;
          this.#lines.reset();
        }
        const buffer = Buffer.alloc(64 * 1024);
        while (this.#position < size) {
          const length = Math.min(buffer.length, size - this.#position);
          const { bytesRead } = await handle.read(buffer, 0, length, this.#position);
          if (bytesRead === 0) break;
          this.#position += bytesRead;
          for (const line of this.#lines.push(buffer.subarray(0, bytesRead))) this.#emit(line);
        }
      } finally {
        await handle.close();
      }
    } catch (error) {
      // Before dockerd writes its first byte the file may not exist yet.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      const cause = error instanceof Error ? error : new Error(String(error));
      this.#onError(
        new Error(`Reading the engine log ${this.#path} failed: ${cause.message}`, { cause }),
      );
    }
  }

  #emit(line: string): void {
    if (this.#skipFirstLine) {
      this.#skipFirstLine = false;
      return;
    }
    this.#onLine(line);
  }
}

/**
 * The last `count` lines of a log file, reading at most `maxBytes` from its
 * end: what the "Engine log" shows before following new lines.
 */
export async function readLastLines(
  file: string,
  count: number,
  maxBytes = 1 << 20,
): Promise<string[]> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - maxBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const splitter = new LineSplitter();
    const lines = [...splitter.push(buffer), ...splitter.end()];
    // A read that began mid-file begins mid-line; that piece is not a line.
    if (start > 0) lines.shift();
    return count > 0 ? lines.slice(-count) : [];
  } finally {
    await handle.close();
  }
}
