import { describe, expect, it } from 'vitest';
import { imageFolderName, recipeKey, staleImageFolders, vmCacheRoot } from './key.ts';

describe('recipeKey', () => {
  const build = { path: 'build.sh', content: '#!/bin/sh\necho build\n' };
  const files = [build, { path: 'guest/init', content: 'init' }];

  it('is 16 hex digits, the same whatever order the files come in', () => {
    const key = recipeKey(files);
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(recipeKey([...files].reverse())).toBe(key);
  });

  it('changes when a file changes, is added, or is renamed', () => {
    const key = recipeKey(files);
    expect(recipeKey([build, { path: 'guest/init', content: 'init2' }])).not.toBe(key);
    expect(recipeKey([...files, { path: 'VERSION', content: '1' }])).not.toBe(key);
    expect(recipeKey([build, { path: 'guest/init2', content: 'init' }])).not.toBe(key);
  });

  it('does not confuse where a path ends and its content begins', () => {
    expect(recipeKey([{ path: 'ab', content: 'c' }])).not.toBe(
      recipeKey([{ path: 'a', content: 'bc' }]),
    );
  });

  it('hashes bytes and the same text alike', () => {
    expect(recipeKey([{ path: 'x', content: Buffer.from('é') }])).toBe(
      recipeKey([{ path: 'x', content: 'é' }]),
    );
  });
});

describe('vmCacheRoot', () => {
  it('prefers BERTH_VM_CACHE, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(vmCacheRoot({ BERTH_VM_CACHE: '/c', XDG_CACHE_HOME: '/x' }, '/home/u')).toBe('/c');
    expect(vmCacheRoot({ XDG_CACHE_HOME: '/x' }, '/home/u')).toBe('/x/berth/vm-images');
    expect(vmCacheRoot({ XDG_CACHE_HOME: '' }, '/home/u')).toBe('/home/u/.cache/berth/vm-images');
  });
});

describe('staleImageFolders', () => {
  const day = 24 * 60 * 60_000;
  const now = 10 * day;
  const name = (arch: 'amd64' | 'arm64', c: string) => imageFolderName(arch, c.repeat(16));

  it('keeps the current image and the two newest others of the same architecture', () => {
    const folders = [
      { name: name('amd64', 'c'), mtimeMs: 0 },
      { name: name('amd64', 'a'), mtimeMs: 5 * day },
      { name: name('amd64', 'b'), mtimeMs: 4 * day },
      { name: name('amd64', 'd'), mtimeMs: 3 * day },
      { name: name('arm64', 'e'), mtimeMs: 0 },
      { name: 'debs-amd64', mtimeMs: 0 },
      { name: `${name('amd64', 'f')}.partial`, mtimeMs: 0 },
    ];
    expect(staleImageFolders(folders, 'amd64', name('amd64', 'c'), now)).toEqual([
      name('amd64', 'd'),
    ]);
  });

  it('keeps an image built within the last day, which another run may be booting', () => {
    const folders = [
      { name: name('amd64', 'a'), mtimeMs: now - 60_000 },
      { name: name('amd64', 'b'), mtimeMs: now - 120_000 },
      { name: name('amd64', 'd'), mtimeMs: now - day + 60_000 },
      { name: name('amd64', 'e'), mtimeMs: now - day - 60_000 },
    ];
    expect(staleImageFolders(folders, 'amd64', name('amd64', 'c'), now)).toEqual([
      name('amd64', 'e'),
    ]);
  });
});
