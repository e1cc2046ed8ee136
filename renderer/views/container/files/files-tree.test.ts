import { describe, expect, it } from 'vitest';
import type {
  DirListing,
  FileEntry,
} from '../../../../electron/contract/container-files-channels.ts';
import { browseRows, changeRows, childPath, parentPath, type FolderState } from './files-tree.ts';

const entry = (name: string, type: FileEntry['type'] = 'file'): FileEntry => ({
  name,
  type,
  size: 1,
  mode: type === 'dir' ? 'drwxr-xr-x' : '-rw-r--r--',
  mtime: null,
});
const ok = (path: string, entries: FileEntry[]): FolderState => ({
  state: 'ok',
  listing: { path, entries, source: 'ls', truncated: false } satisfies DirListing,
});

describe('browseRows', () => {
  it('lays open folders out depth first, folders first, with level, set size and position', () => {
    const folders = new Map([
      ['/', ok('/', [entry('zeta'), entry('etc', 'dir'), entry('bin', 'link')])],
      ['/etc', ok('/etc', [entry('passwd'), entry('group')])],
    ]);
    const rows = browseRows(folders, new Set(['/', '/etc']));
    expect(rows.map((r) => [r.path, r.level, r.setSize, r.posInSet, r.expanded])).toEqual([
      ['/', 1, 1, 1, true],
      ['/etc', 2, 3, 1, true],
      ['/etc/group', 3, 2, 1, false],
      ['/etc/passwd', 3, 2, 2, false],
      ['/bin', 2, 3, 2, false],
      ['/zeta', 2, 3, 3, false],
    ]);
    expect(rows.find((r) => r.path === '/bin')!.expandable).toBe(true);
    expect(rows.find((r) => r.path === '/zeta')!.expandable).toBe(false);
  });

  it('shows a closed folder without its children, even when they were read', () => {
    const folders = new Map([
      ['/', ok('/', [entry('etc', 'dir')])],
      ['/etc', ok('/etc', [entry('passwd')])],
    ]);
    expect(browseRows(folders, new Set(['/'])).map((r) => r.path)).toEqual(['/', '/etc']);
  });
});

describe('changeRows', () => {
  it("nests docker diff's paths under their parents, adding parents it left out", () => {
    const rows = changeRows([
      { path: '/tmp', kind: 'changed' },
      { path: '/tmp/new.txt', kind: 'added' },
      { path: '/etc/group', kind: 'deleted' },
    ]);
    expect(rows.map((r) => [r.path, r.level, r.setSize, r.posInSet, r.change])).toEqual([
      ['/etc', 1, 2, 1, undefined],
      ['/etc/group', 2, 1, 1, 'deleted'],
      ['/tmp', 1, 2, 2, 'changed'],
      ['/tmp/new.txt', 2, 1, 1, 'added'],
    ]);
  });

  it('carries the size the engine gives each added or changed file', () => {
    const rows = changeRows([
      { path: '/tmp', kind: 'changed' },
      { path: '/tmp/new.txt', kind: 'added', size: 1234 },
      { path: '/tmp/empty', kind: 'added', size: 0 },
    ]);
    expect(rows.map((r) => [r.path, r.size])).toEqual([
      ['/tmp', undefined],
      ['/tmp/empty', 0],
      ['/tmp/new.txt', 1234],
    ]);
  });
});

describe('paths', () => {
  it('joins and splits paths at the root too', () => {
    expect(childPath('/', 'etc')).toBe('/etc');
    expect(childPath('/etc', 'ssl')).toBe('/etc/ssl');
    expect(parentPath('/etc')).toBe('/');
    expect(parentPath('/etc/ssl')).toBe('/etc');
  });
});
