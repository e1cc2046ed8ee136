// The lines of a `containers.stats` stream (split by the stream feed) as StatsLines.
import type { StatsLine } from '../../electron/contract/container-stats.ts';

/** The StatsLines among `lines`; a blank line is skipped, one that is not JSON too (with a warning). */
export function parseStatsLines(lines: readonly string[]): StatsLine[] {
  const out: StatsLine[] = [];
  for (const line of lines) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as StatsLine);
    } catch {
      console.warn('[stats] a line that is not JSON was skipped');
    }
  }
  return out;
}
