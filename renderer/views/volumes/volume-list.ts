// The Volumes grid's rows: filtered by what the user typed, sorted by a column,
// and the page's small readings (age, key=value lines).
import type { VolumeSummary } from '../../../electron/contract/channels.ts';
import { humanDuration } from '../containers/status-age.ts';

export type VolumeSortKey = 'name' | 'driver' | 'created' | 'size';
export interface VolumeSortOrder {
  key: VolumeSortKey;
  direction: 'ascending' | 'descending';
}
export const BY_NAME: VolumeSortOrder = { key: 'name', direction: 'ascending' };

/** Words of the query all found in the name, driver, mount point, labels or users ("unused" too). */
export function visibleVolumes(
  volumes: readonly VolumeSummary[],
  query: string,
  sort: VolumeSortOrder,
  sizes: Readonly<Record<string, number>> = {},
): VolumeSummary[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = volumes.filter((v) => {
    if (!words.length) return true;
    const text = [
      v.name,
      v.driver,
      v.mountpoint,
      ...Object.entries(v.labels).map(([k, val]) => `${k}=${val}`),
      ...v.usedBy,
      v.usedBy.length ? 'in-use' : 'unused',
    ]
      .join('\n')
      .toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const value = (v: VolumeSummary): string | number =>
    sort.key === 'created'
      ? Date.parse(v.createdAt) || 0
      : sort.key === 'size'
        ? (sizes[v.name] ?? -1)
        : sort.key === 'driver'
          ? v.driver
          : v.name;
  return shown.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    const by = typeof x === 'number' ? x - (y as number) : x.localeCompare(y as string);
    return sign * (by || a.name.localeCompare(b.name));
  });
}

/** "3 days ago" from the engine's RFC 3339 time; empty when it gave none. */
export function volumeAge(createdAt: string, now: number): string {
  const at = Date.parse(createdAt);
  if (!Number.isFinite(at)) return '';
  const seconds = (now - at) / 1000;
  return seconds < 1 ? 'Just now' : `${humanDuration(seconds)} ago`;
}

/** `key=value` one a line, as `-o` and `--label` take them; blank lines and `#` comments skipped. */
export function parseKeyValueLines(
  text: string,
): { ok: true; value: Record<string, string> } | { ok: false; errors: string[] } {
  const value: Record<string, string> = {};
  const errors: string[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (eq <= 0 || /\s/.test(key)) {
      errors.push(`Line ${i + 1}: "${line.slice(0, 60)}": expected key=value`);
      return;
    }
    value[key] = line.slice(eq + 1);
  });
  return errors.length ? { ok: false, errors } : { ok: true, value };
}
