// "Did you mean busybox:latest?": a reference typed one or two keystrokes away
// from an image on this machine is far more often a typo than a wish to pull.

/** Edits (insert, delete, substitute, swap two neighbours) between two strings. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

const hasTag = (ref: string) => /:[\w][\w.-]*$/.test(ref.split('/').at(-1) ?? '');
const repoOf = (ref: string) => (hasTag(ref) ? ref.slice(0, ref.lastIndexOf(':')) : ref);

/** How far a typo may go: one edit for short names, two from eight characters, three from sixteen. */
const allowed = (typed: string) => (typed.length >= 16 ? 3 : typed.length >= 8 ? 2 : 1);

/**
 * The local reference `typed` most likely meant, or null when it names one of
 * them already or none is close. Without a tag it is compared to the names
 * alone (the engine adds :latest), and the suggestion keeps a tag other than latest.
 */
export function nearMiss(typed: string, local: string[]): string | null {
  const want = typed.trim();
  if (!want || local.length === 0) return null;
  const tagged = hasTag(want);
  const exact = local.some((ref) => ref === want || (!tagged && ref === `${want}:latest`));
  if (exact) return null;
  let best: { ref: string; distance: number } | null = null;
  for (const ref of local) {
    const compareTo = tagged ? ref : repoOf(ref);
    const distance = editDistance(want.toLowerCase(), compareTo);
    if (distance > allowed(want)) continue;
    const suggestion = !tagged && ref.endsWith(':latest') ? repoOf(ref) : ref;
    if (!best || distance < best.distance) best = { ref: suggestion, distance };
  }
  return best && best.ref !== want ? best.ref : null;
}
