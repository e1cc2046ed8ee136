import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { listFromArchive, permissions } from './archive-listing.ts';

type EntryHeader = Partial<tar.Header> & { name: string };

function archive(entries: EntryHeader[]): Readable {
  const pack = tar.pack();
  for (const e of entries) pack.entry(e, e.type === 'file' ? 'x'.repeat(e.size ?? 0) : '');
  pack.finalize();
  return Readable.from(pack);
}

const mtime = new Date('2026-01-02T03:04:05Z');

describe('listFromArchive', () => {
  it('keeps the direct children of the folder, not what lies deeper', async () => {
    const tarred = archive([
      { name: 'etc/', type: 'directory', mode: 0o755, mtime },
      { name: 'etc/ssl/', type: 'directory', mode: 0o755, mtime },
      { name: 'etc/ssl/cert.pem', type: 'file', size: 3, mode: 0o644, mtime },
      { name: 'etc/passwd', type: 'file', size: 5, mode: 0o644, mtime },
      { name: 'etc/mtab', type: 'symlink', linkname: '/proc/mounts', mode: 0o777, mtime },
    ]);
    expect(await listFromArchive(tarred)).toEqual({
      truncated: false,
      entries: [
        { name: 'ssl', type: 'dir', size: 0, mode: 'drwxr-xr-x', mtime: mtime.toISOString() },
        { name: 'passwd', type: 'file', size: 5, mode: '-rw-r--r--', mtime: mtime.toISOString() },
        {
          name: 'mtab',
          type: 'link',
          size: 0,
          mode: 'lrwxrwxrwx',
          mtime: mtime.toISOString(),
          linkTarget: '/proc/mounts',
        },
      ],
    });
  });

  it('stops at its cap and says the listing is truncated', async () => {
    const many: EntryHeader[] = [{ name: 'd/', type: 'directory', mode: 0o755 }];
    for (let i = 0; i < 50; i++) many.push({ name: `d/f${i}`, type: 'file', size: 1, mode: 0o644 });
    const listed = await listFromArchive(archive(many), { maxEntries: 11, maxBytes: 1 << 20 });
    expect(listed.truncated).toBe(true);
    expect(listed.entries).toHaveLength(10);
  });
});

describe('permissions', () => {
  it('writes setuid, setgid and sticky bits as ls does', () => {
    expect(permissions(0o4755)).toBe('rwsr-xr-x');
    expect(permissions(0o2644)).toBe('rw-r-Sr--');
    expect(permissions(0o1777)).toBe('rwxrwxrwt');
  });
});
