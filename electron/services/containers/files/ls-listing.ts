// Reads `ls -lan --full-time` as GNU coreutils and busybox both print it
// (LC_ALL=C, not a terminal, so names are written as they are):
//   drwxr-xr-x    2 0        0             4096 2026-12-01 18:08:06 +0000 etc
//   lrwxrwxrwx 1 0 0 7 2026-01-02 03:04:05.123456789 +0000 bin -> usr/bin
//   crw-rw-rw-    1 0        0           1,   3 2026-11-20 02:20:20 +0000 null
// A name holding a newline cannot be told from the next line, and a link whose
// own name holds " -> " is split at its first one; both are rare enough that
// the tree shows them oddly rather than the listing failing.
import type { FileEntry, FileEntryType } from '../../../contract/container-files-channels.ts';

const LINE =
  /^([-dlcbps?])([-rwxsStTlL?]{9})[.+@]?\s+\d+\s+\S+\s+\S+\s+(?:\d+,\s*\d+|(\d+))\s+(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})(?:\.(\d+))? ([+-]\d{2})(\d{2}) (.*)$/;

const TYPES: Record<string, FileEntryType> = { '-': 'file', d: 'dir', l: 'link' };

/** The entries of one folder, without `.` and `..`; lines that are not entries are skipped. */
export function parseLsListing(text: string): FileEntry[] {
  const entries: FileEntry[] = [];
  for (const line of text.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue; // "total 12", a blank line, an error printed among the entries
    const [, kind, perms, size, date, time, fraction, tzHours, tzMinutes, rest] = m;
    const type = TYPES[kind!] ?? 'other';
    let name = rest!;
    let linkTarget: string | undefined;
    if (type === 'link') {
      const arrow = name.indexOf(' -> ');
      if (arrow >= 0) {
        linkTarget = name.slice(arrow + 4);
        name = name.slice(0, arrow);
      }
    }
    if (name === '.' || name === '..' || name === '') continue;
    const millis = fraction ? `.${fraction.slice(0, 3).padEnd(3, '0')}` : '';
    const when = new Date(`${date}T${time}${millis}${tzHours}:${tzMinutes}`);
    entries.push({
      name,
      type,
      size: size ? Number(size) : 0,
      mode: `${kind}${perms}`,
      mtime: Number.isNaN(when.getTime()) ? null : when.toISOString(),
      ...(linkTarget !== undefined ? { linkTarget } : {}),
    });
  }
  return entries;
}
