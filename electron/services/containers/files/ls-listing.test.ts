import { describe, expect, it } from 'vitest';
import { parseLsListing } from './ls-listing.ts';

const busybox = `total 12
drwxr-xr-x    2 0        0             4096 2026-12-01 18:08:06 +0000 .
drwxr-xr-x    1 0        0             4096 2026-12-01 18:08:36 +0000 ..
-rw-r--r--    1 0        0               57 2026-12-01 18:08:06 +0000 passwd
lrwxrwxrwx    1 0        0               13 2026-12-01 18:08:06 +0000 fd -> /proc/self/fd
crw-rw-rw-    1 0        0           1,   7 2026-11-20 02:20:20 +0000 full
-rw-r--r--    1 0        0                5 2026-12-01 18:08:06 +0000 name with  spaces
`;

const gnu = `total 8
drwxr-xr-x 78   0   0  4096 2026-12-01 18:09:33.623639352 +0100 .java
lrwxrwxrwx  1   0   0     7 2025-06-24 14:39:12.000000000 -0530 bin -> usr/bin
-rwsr-xr-x  1   0   0 72000 2025-06-24 14:39:12.5 +0000 su
`;

describe('parseLsListing', () => {
  it("reads busybox's long listing, without . and .., keeping spaces in names", () => {
    const entries = parseLsListing(busybox);
    expect(entries.map((e) => e.name)).toEqual(['passwd', 'fd', 'full', 'name with  spaces']);
    expect(entries[0]).toEqual({
      name: 'passwd',
      type: 'file',
      size: 57,
      mode: '-rw-r--r--',
      mtime: '2026-12-01T18:08:06.000Z',
    });
    expect(entries[1]).toMatchObject({ type: 'link', linkTarget: '/proc/self/fd' });
    expect(entries[2]).toMatchObject({ type: 'other', size: 0, mode: 'crw-rw-rw-' });
  });

  it("reads GNU ls's nanoseconds and time zones", () => {
    const entries = parseLsListing(gnu);
    expect(entries.map((e) => [e.name, e.type, e.mtime])).toEqual([
      ['.java', 'dir', '2026-12-01T17:09:33.623Z'],
      ['bin', 'link', '2025-06-24T20:09:12.000Z'],
      ['su', 'file', '2025-06-24T14:39:12.500Z'],
    ]);
    expect(entries[1]!.linkTarget).toBe('usr/bin');
    expect(entries[2]!.mode).toBe('-rwsr-xr-x');
  });

  it('skips what is not an entry (errors, blank lines) instead of failing', () => {
    expect(parseLsListing('ls: /proc/1/fd: Permission denied\n\nnonsense\n')).toEqual([]);
  });
});
