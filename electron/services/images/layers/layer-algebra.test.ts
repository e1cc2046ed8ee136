import { describe, expect, it } from 'vitest';
import { layerOf } from '../../../../test/helpers/layer-fixture.ts';
import { filesystemAt, layerChanges } from './layer-algebra.ts';
import type { RawEntry } from './layer-list.ts';

const changes = (layers: RawEntry[][], i: number) =>
  layerChanges(layers, i).map((e) => `${e.change} ${e.path}${e.kind === 'dir' ? '/' : ''}`);
const files = (layers: RawEntry[][], i: number) =>
  filesystemAt(layers, i).map((e) => `${e.change} ${e.path}${e.kind === 'dir' ? '/' : ''}`);

const base = layerOf([
  { name: './', type: 'dir' },
  { name: 'bin/', type: 'dir' },
  { name: 'bin/busybox', body: 'b'.repeat(100), mode: 0o755 },
  { name: 'etc/', type: 'dir' },
  { name: 'etc/passwd', body: 'root:x:0:0' },
  { name: 'usr/', type: 'dir' },
  { name: 'usr/share/', type: 'dir' },
  { name: 'usr/share/doc/', type: 'dir' },
  { name: 'usr/share/doc/a', body: 'aaaaa' },
  { name: 'usr/share/doc/sub/', type: 'dir' },
  { name: 'usr/share/doc/sub/b', body: 'bbbbbbb' },
]);

describe('layer algebra', () => {
  it('lists a base layer as all added, without the root folder', () => {
    expect(changes([base], 0)).toEqual([
      'added bin/',
      'added bin/busybox',
      'added etc/',
      'added etc/passwd',
      'added usr/',
      'added usr/share/',
      'added usr/share/doc/',
      'added usr/share/doc/a',
      'added usr/share/doc/sub/',
      'added usr/share/doc/sub/b',
    ]);
  });

  it('tells added from modified, and a whiteout of a folder removes it whole', () => {
    const top = layerOf([
      { name: 'etc/', type: 'dir' },
      { name: 'etc/new', body: 'new' },
      { name: 'etc/passwd', body: 'root:x:0:0:changed' },
      { name: 'usr/share/', type: 'dir' },
      { name: 'usr/share/.wh.doc', body: '' },
    ]);
    expect(changes([base, top], 1)).toEqual([
      'modified etc/',
      'added etc/new',
      'modified etc/passwd',
      'modified usr/share/',
      'removed usr/share/doc/',
      'removed usr/share/doc/a',
      'removed usr/share/doc/sub/',
      'removed usr/share/doc/sub/b',
    ]);
    expect(files([base, top], 1)).toEqual([
      'unchanged bin/',
      'unchanged bin/busybox',
      'modified etc/',
      'added etc/new',
      'modified etc/passwd',
      'unchanged usr/',
      'modified usr/share/',
    ]);
    const removed = layerChanges([base, top], 1).find((e) => e.path === 'usr/share/doc/a');
    expect(removed).toMatchObject({ kind: 'file', size: 5, change: 'removed' });
  });

  it('an opaque folder hides what the layers below had in it, and keeps what it writes again', () => {
    const top = layerOf([
      { name: 'usr/share/doc/', type: 'dir' },
      { name: 'usr/share/doc/.wh..wh..opq', body: '' },
      { name: 'usr/share/doc/a', body: 'again' },
      { name: 'usr/share/doc/c', body: 'c' },
    ]);
    expect(changes([base, top], 1)).toEqual([
      'modified usr/share/doc/',
      'modified usr/share/doc/a',
      'added usr/share/doc/c',
      'removed usr/share/doc/sub/',
      'removed usr/share/doc/sub/b',
    ]);
    expect(files([base, top], 1).filter((l) => l.includes('doc'))).toEqual([
      'modified usr/share/doc/',
      'modified usr/share/doc/a',
      'added usr/share/doc/c',
    ]);
  });

  it('a file replaced by a folder and back', () => {
    const asFolder = layerOf([
      { name: 'etc/passwd/', type: 'dir' },
      { name: 'etc/passwd/inside', body: 'in' },
    ]);
    const asFile = layerOf([{ name: 'etc/passwd', body: 'file again' }]);
    const layers = [base, asFolder, asFile];
    expect(changes(layers, 1)).toEqual(['modified etc/passwd/', 'added etc/passwd/inside']);
    expect(changes(layers, 2)).toEqual(['modified etc/passwd', 'removed etc/passwd/inside']);
    expect(files(layers, 2).filter((l) => l.includes('passwd'))).toEqual(['modified etc/passwd']);
  });

  it('keeps link targets as stored, outside the root too; hard-link targets as paths', () => {
    const links = layerOf([
      { name: 'bin/sh', type: 'hardlink', linkname: './bin/busybox' },
      { name: 'etc/escape', type: 'symlink', linkname: '../../../../etc/shadow' },
      { name: 'etc/abs', type: 'symlink', linkname: '/etc/passwd' },
    ]);
    const listed = layerChanges([base, links], 1);
    expect(listed.find((e) => e.path === 'bin/sh')).toMatchObject({
      kind: 'hardlink',
      linkTarget: 'bin/busybox',
      change: 'added',
    });
    expect(listed.find((e) => e.path === 'etc/escape')).toMatchObject({
      kind: 'symlink',
      linkTarget: '../../../../etc/shadow',
    });
    expect(listed.find((e) => e.path === 'etc/abs')).toMatchObject({
      kind: 'symlink',
      linkTarget: '/etc/passwd',
    });
  });

  it('keeps names with newlines, HTML and invalid UTF-8 as distinct text', () => {
    const odd = layerOf([
      { name: 'odd/a\nb', body: '1' },
      { name: 'odd/<img src=x onerror=alert(1)>', body: '2' },
      { name: Buffer.from([0x6f, 0x64, 0x64, 0x2f, 0x66, 0xff, 0x6f]), body: '3' },
      { name: Buffer.from([0x6f, 0x64, 0x64, 0x2f, 0x66, 0xfe, 0x6f]), body: '4' },
      { name: 'odd/café', body: '5' },
    ]);
    const paths = layerChanges([odd], 0).map((e) => e.path);
    expect(paths).toContain('odd/a\nb');
    expect(paths).toContain('odd/<img src=x onerror=alert(1)>');
    expect(paths).toContain('odd/café');
    expect(paths).toContain('odd/f\udcffo');
    expect(paths).toContain('odd/f\udcfeo');
    // Lone surrogates cross JSON as escapes, so the two stay two after a transport.
    expect(JSON.parse(JSON.stringify(paths))).toEqual(paths);
    expect(JSON.stringify('odd/f\udcffo')).toBe('"odd/f\\udcffo"');
  });

  it('an empty layer changes nothing, and a whiteout of nothing removes nothing', () => {
    const empty = layerOf([]);
    const stray = layerOf([{ name: 'etc/.wh.never-was', body: '' }]);
    expect(changes([base, empty], 1)).toEqual([]);
    expect(changes([base, stray], 1)).toEqual([]);
    expect(files([base, empty], 1).every((l) => l.startsWith('unchanged'))).toBe(true);
  });
});
