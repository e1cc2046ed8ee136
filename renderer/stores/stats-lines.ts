// Turns the bytes of a `containers.stats` stream back into lines. One per
// stream: a line (or a character) may be split across two frames.
import type { StatsLine } from '../../electron/contract/container-stats.ts';

export class StatsLineReader {
  readonly #decoder = new TextDecoder();
  #partial = '';

  /** The complete lines in `bytes` (with what was left over from before). */
  read(bytes: Uint8Array): StatsLine[] {
    const parts = (this.#partial + this.#decoder.decode(bytes, { stream: true })).split('\n');
    this.#partial = parts.pop() ?? '';
    const lines: StatsLine[] = [];
    for (const part of parts) {
      if (!part.trim()) continue;
      try {
        lines.push(JSON.parse(part) as StatsLine);
      } catch {
        console.warn('[stats] a line that is not JSON was skipped');
      }
    }
    return lines;
  }
}
