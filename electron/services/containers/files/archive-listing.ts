// A folder's direct children from the archive API, for a container where no
// `ls` can run (stopped, or an image without one). The engine cannot list one
// level: GET /archive streams the whole subtree, depth first, so the children's
// headers are interleaved with everything below them. We read headers only,
// skip every body, and stop at a cap: a huge folder ends `truncated` rather
// than streaming gigabytes into the page's wait.
import type { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import type { FileEntry, FileEntryType } from '../../../contract/container-files-channels.ts';

export interface ArchiveCaps {
  /** Headers read at most (every entry below the folder counts). */
  maxEntries: number;
  /** Bytes of bodies skipped at most. */
  maxBytes: number;
}

export const DEFAULT_ARCHIVE_CAPS: ArchiveCaps = { maxEntries: 20_000, maxBytes: 64 << 20 };

export async function listFromArchive(
  source: Readable,
  caps: ArchiveCaps = DEFAULT_ARCHIVE_CAPS,
): Promise<{ entries: FileEntry[]; truncated: boolean }> {
  const extract = tar.extract();
  source.on('error', (err) => extract.destroy(err));
  source.pipe(extract);
  const entries: FileEntry[] = [];
  let root: string | null = null;
  let seen = 0;
  let bytes = 0;
  let truncated = false;
  try {
    for await (const entry of extract) {
      const { header } = entry;
      const name = header.name.replace(/\/+$/, '');
      seen += 1;
      bytes += header.size;
      if (root === null)
        root = name; // the folder itself comes first, under its own base name
      else if (name.startsWith(`${root}/`) && !name.slice(root.length + 1).includes('/')) {
        entries.push(entryOf(name.slice(root.length + 1), header));
      }
      entry.resume();
      if (seen >= caps.maxEntries || bytes > caps.maxBytes) {
        truncated = true;
        break;
      }
    }
  } finally {
    source.destroy();
    extract.destroy();
  }
  return { entries, truncated };
}

const TYPES: Partial<Record<tar.Header['type'], [FileEntryType, string]>> = {
  file: ['file', '-'],
  'contiguous-file': ['file', '-'],
  link: ['file', '-'], // a hard link is a file like any other
  directory: ['dir', 'd'],
  symlink: ['link', 'l'],
  'character-device': ['other', 'c'],
  'block-device': ['other', 'b'],
  fifo: ['other', 'p'],
};

function entryOf(name: string, header: tar.Header): FileEntry {
  const [type, letter] = TYPES[header.type] ?? ['other', '?'];
  return {
    name,
    type,
    size: type === 'file' ? header.size : 0,
    mode: letter + permissions(header.mode),
    mtime: header.mtime ? header.mtime.toISOString() : null,
    ...(header.type === 'symlink' ? { linkTarget: header.linkname } : {}),
  };
}

/** `rwxr-xr-x` with setuid, setgid and sticky as `ls -l` writes them. */
export function permissions(mode: number): string {
  const bit = (mask: number, letter: string) => (mode & mask ? letter : '-');
  const special = (exec: boolean, set: boolean, on: string, off: string) =>
    set ? (exec ? on : off) : exec ? 'x' : '-';
  return [
    bit(0o400, 'r'),
    bit(0o200, 'w'),
    special(Boolean(mode & 0o100), Boolean(mode & 0o4000), 's', 'S'),
    bit(0o040, 'r'),
    bit(0o020, 'w'),
    special(Boolean(mode & 0o010), Boolean(mode & 0o2000), 's', 'S'),
    bit(0o004, 'r'),
    bit(0o002, 'w'),
    special(Boolean(mode & 0o001), Boolean(mode & 0o1000), 't', 'T'),
  ].join('');
}
