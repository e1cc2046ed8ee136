import { describe, expect, it } from 'vitest';
import type { TreeRow } from './files-tree.ts';
import { carriesFiles, dropFolderOf, droppedFiles, folderRefusal } from './dropped-files.ts';

const file = (name: string) => new File([name], name);
const item = (f: File, directory = false) => ({
  kind: 'file',
  getAsFile: () => f,
  webkitGetAsEntry: () => ({ isDirectory: directory, name: f.name }),
});

describe('droppedFiles', () => {
  it('takes every file of a drop, and names the folders apart', () => {
    const [a, b, dir] = [file('a.txt'), file('b.bin'), file('site')];
    const got = droppedFiles({
      types: ['Files'],
      files: [a, b, dir],
      items: [item(a), item(b), item(dir, true), { kind: 'string', getAsFile: () => null }],
    });
    expect(got.files.map((f) => f.name)).toEqual(['a.txt', 'b.bin']);
    expect(got.folders).toEqual(['site']);
  });

  it('takes files whose entry is unknown (a page-made drop) or with no items at all', () => {
    const a = file('a.txt');
    const noEntry = { kind: 'file', getAsFile: () => a, webkitGetAsEntry: () => null };
    expect(droppedFiles({ types: ['Files'], files: [a], items: [noEntry] }).files).toEqual([a]);
    expect(droppedFiles({ types: ['Files'], files: [a] })).toEqual({ files: [a], folders: [] });
  });

  it('tells a drag of files from a drag of text', () => {
    expect(carriesFiles({ types: ['Files'] })).toBe(true);
    expect(carriesFiles({ types: ['text/plain', 'text/uri-list'] })).toBe(false);
    expect(carriesFiles(null)).toBe(false);
  });

  it('says what to do instead of dropping a folder', () => {
    expect(folderRefusal(['site', 'img'])).toBe(
      'Couldn\'t upload "site", "img": dropping folders is not supported yet. ' +
        'Drop the files inside the folder instead (several at once work).',
    );
  });
});

describe('dropFolderOf', () => {
  const row = (over: Partial<TreeRow>): TreeRow => ({
    path: '/data',
    name: 'data',
    level: 2,
    setSize: 1,
    posInSet: 1,
    expandable: true,
    expanded: false,
    ...over,
  });
  const entry = (type: 'dir' | 'file' | 'link') =>
    ({ name: 'data', type, size: 0, mode: '' }) as TreeRow['entry'];

  it('takes drops into folders only', () => {
    expect(dropFolderOf(row({ entry: entry('dir') }))).toBe('/data');
    expect(dropFolderOf(row({ entry: entry('file'), expandable: false }))).toBeUndefined();
    // A link is opened to see where it leads, but uploads go into folders, as Upload's do.
    expect(dropFolderOf(row({ entry: entry('link') }))).toBeUndefined();
    expect(dropFolderOf(row({ path: '/', name: '/' }))).toBe('/');
  });

  it('in Changes only, takes a path with changes below it', () => {
    expect(dropFolderOf(row({ change: 'changed' }))).toBe('/data');
    expect(dropFolderOf(row({ expandable: false, change: 'added' }))).toBeUndefined();
  });
});
