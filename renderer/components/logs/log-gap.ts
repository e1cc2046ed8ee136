// dockerd 20.10 (json-file) can leave out of a follow the lines written while
// it switches from reading the file to watching it: a line on the other
// stream (stderr) written at that moment never arrives. So, once a follow
// runs, the span it covered is read again without follow (complete) and the
// lines missing are put back in time order.
import type { LogLine } from '../../../electron/contract/container-logs-channels.ts';

const key = (l: LogLine) => `${l.ts}\u0000${l.stream}\u0000${l.text}`;

/** The lines of `complete` not among `shown` (counted: a line repeated twice needs two). */
export function missingLines<T extends LogLine>(shown: readonly T[], complete: readonly T[]): T[] {
  const have = new Map<string, number>();
  for (const l of shown) have.set(key(l), (have.get(key(l)) ?? 0) + 1);
  return complete.filter((l) => {
    const n = have.get(key(l)) ?? 0;
    if (n > 0) have.set(key(l), n - 1);
    return n === 0;
  });
}

/** `rows` with `extra` put in by timestamp (rows keep their order; an extra goes after equal ones). */
export function mergeByTime<T extends LogLine>(rows: readonly T[], extra: readonly T[]): T[] {
  const out: T[] = [];
  const sorted = [...extra].sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
  let j = 0;
  for (const row of rows) {
    while (j < sorted.length && sorted[j]!.ts < row.ts) out.push(sorted[j++]!);
    out.push(row);
  }
  while (j < sorted.length) out.push(sorted[j++]!);
  return out;
}
