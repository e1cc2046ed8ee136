// Where a log view stands in time, for the two reads that start mid-log: a
// follow resumed after a lost stream (`since` the last line seen: the engine
// repeats the lines at that very timestamp, so those already shown are
// skipped), and an older page (a time window ending at the oldest line shown:
// `until` is inclusive, so the lines at that timestamp already shown are
// skipped too). The engine's timestamps are fixed-width, so strings compare.
import { unixOf, type LogLine } from '../../../electron/contract/container-logs-channels.ts';

/** The newest timestamp seen, and how many lines carried it. */
export interface ResumePoint {
  ts: string;
  seen: number;
}

export function advance(point: ResumePoint | null, lines: readonly LogLine[]): ResumePoint | null {
  let p = point;
  for (const l of lines) {
    if (!p || l.ts > p.ts) p = { ts: l.ts, seen: 1 };
    else if (l.ts === p.ts) p = { ts: p.ts, seen: p.seen + 1 };
  }
  return p;
}

/** The lines of a resumed follow that were not shown before. */
export function afterResume(point: ResumePoint | null, lines: readonly LogLine[]): LogLine[] {
  if (!point) return [...lines];
  let skip = point.seen;
  return lines.filter((l) => {
    if (l.ts < point.ts) return false;
    if (l.ts === point.ts && skip > 0) {
      skip--;
      return false;
    }
    return true;
  });
}

/** The lines of an older page not already shown (`shownAtOldest` lines carry the oldest timestamp). */
export function beforeOldest(
  oldestTs: string,
  shownAtOldest: number,
  lines: readonly LogLine[],
): LogLine[] {
  const older = lines.filter((l) => l.ts < oldestTs);
  const same = lines.filter((l) => l.ts === oldestTs);
  return [...older, ...same.slice(0, Math.max(0, same.length - shownAtOldest))];
}

/** Unix seconds `span` before `ts`, nanoseconds kept, as `since` takes it. */
export function secondsBefore(ts: string, span: number): string {
  const [seconds = '0', nanos = '0'] = unixOf(ts).split('.');
  return `${Math.max(0, Number(seconds) - Math.ceil(span))}.${nanos}`;
}

/** The next window's length: wider after an empty one, narrower after one that overflowed. */
export function nextSpan(span: number, got: number, dropped: number): number {
  if (dropped > 0) return Math.max(1, Math.floor(span / 4));
  if (got === 0) return span * 4;
  return span;
}

/** A first window guessed from the lines on screen: about `want` lines at their rate. */
export function firstSpan(lines: readonly LogLine[], want: number): number {
  const first = lines[0];
  const last = lines[lines.length - 1];
  if (!first || !last || lines.length < 2) return 60;
  const seconds = (Date.parse(last.ts) - Date.parse(first.ts)) / 1000;
  return Math.min(86_400, Math.max(1, Math.ceil((seconds * want) / lines.length)));
}
