import { describe, expect, it } from 'vitest';
import { treeKeyMove } from '../../../components/tree-keys.ts';
import type { LayerEntry } from '../../../../electron/contract/image-layers-channels.ts';
import {
  allFolders,
  buildLayerTree,
  keptByFilter,
  rowName,
  visibleRows,
  type LayerTree,
  type TreeRow,
} from './layer-tree.ts';

const entry = (path: string, more: Partial<LayerEntry> = {}): LayerEntry => ({
  path,
  kind: 'file',
  size: 10,
  mode: 0o644,
  uid: 0,
  gid: 0,
  change: 'added',
  ...more,
});
const dir = (path: string, more: Partial<LayerEntry> = {}) =>
  entry(path, { kind: 'dir', size: 0, mode: 0o755, ...more });

/** Each visible row as "  name" indented by level, with its ARIA numbers. */
function layout(tree: LayerTree, rows: TreeRow[]): string[] {
  return rows.map(
    (r) =>
      `${'  '.repeat(r.level - 1)}${tree.nodes[r.node]!.name} ${r.posInSet}/${r.setSize}` +
      (r.expandable ? (r.expanded ? ' -' : ' +') : ''),
  );
}

const sample = [
  dir('etc'),
  entry('etc/passwd', { change: 'modified', size: 100 }),
  entry('etc/group', { change: 'removed', size: 0 }),
  dir('usr'),
  dir('usr/bin'),
  entry('usr/bin/env', { size: 30 }),
  entry('usr/bin/sh', { kind: 'symlink', size: 0, linkTarget: 'busybox' }),
  entry('a-file'),
];

describe('the layer tree', () => {
  it('lays out folders first, then names, each with its level and place among its siblings', () => {
    const tree = buildLayerTree(sample);
    expect(layout(tree, visibleRows(tree, new Set(), null))).toEqual([
      'etc 1/3 -',
      '  group 1/2',
      '  passwd 2/2',
      'usr 2/3 -',
      '  bin 1/1 -',
      '    env 1/2',
      '    sh 2/2',
      'a-file 3/3',
    ]);
  });

  it('makes the folders a listing implies but does not hold (a whiteout deep in a folder)', () => {
    const tree = buildLayerTree([entry('var/lib/apt/lists/x', { change: 'removed' })]);
    const rows = visibleRows(tree, new Set(), null);
    expect(layout(tree, rows)).toEqual([
      'var 1/1 -',
      '  lib 1/1 -',
      '    apt 1/1 -',
      '      lists 1/1 -',
      '        x 1/1',
    ]);
    expect(tree.nodes[rows[0]!.node]!.entry).toBeUndefined();
  });

  it('accepts entries in any order and paths with ./ or a trailing slash', () => {
    const tree = buildLayerTree([entry('b/c'), dir('./b/'), entry('/a')]);
    expect(layout(tree, visibleRows(tree, new Set(), null))).toEqual([
      'b 1/2 -',
      '  c 1/1',
      'a 2/2',
    ]);
    expect(tree.nodes.find((n) => n.path === 'b')!.entry?.kind).toBe('dir');
  });

  it('sums the bytes a folder holds, leaving removed paths out', () => {
    const tree = buildLayerTree(sample);
    const bytes = (path: string) => tree.nodes.find((n) => n.path === path)!.bytes;
    expect(bytes('usr')).toBe(30);
    expect(bytes('etc')).toBe(100);
  });

  it('hides what is under a collapsed folder, and counts setsize among the shown', () => {
    const tree = buildLayerTree(sample);
    expect(layout(tree, visibleRows(tree, new Set(['usr']), null))).toEqual([
      'etc 1/3 -',
      '  group 1/2',
      '  passwd 2/2',
      'usr 2/3 +',
      'a-file 3/3',
    ]);
    expect(layout(tree, visibleRows(tree, allFolders(tree), null))).toEqual([
      'etc 1/3 +',
      'usr 2/3 +',
      'a-file 3/3',
    ]);
  });

  it('filters by path, ignoring case, keeping the folders above each match', () => {
    const tree = buildLayerTree(sample);
    const rows = visibleRows(tree, new Set(), keptByFilter(tree, 'ENV'));
    expect(layout(tree, rows)).toEqual(['usr 1/1 -', '  bin 1/1 -', '    env 1/1']);
  });

  it('keeps everything under a matching folder, since their paths contain it', () => {
    const tree = buildLayerTree(sample);
    const rows = visibleRows(tree, new Set(), keptByFilter(tree, '/etc'));
    expect(layout(tree, rows)).toEqual(['etc 1/1 -', '  group 1/2', '  passwd 2/2']);
  });

  it('shows a match whose folder is collapsed only once the folder is opened', () => {
    const tree = buildLayerTree(sample);
    const keep = keptByFilter(tree, 'env');
    expect(layout(tree, visibleRows(tree, new Set(['usr/bin']), keep))).toEqual([
      'usr 1/1 -',
      '  bin 1/1 +',
    ]);
  });

  it('treats a blank filter as none, and a filter that matches nothing as no rows', () => {
    const tree = buildLayerTree(sample);
    expect(keptByFilter(tree, '  ')).toBeNull();
    expect(visibleRows(tree, new Set(), keptByFilter(tree, 'nothing'))).toEqual([]);
  });

  it('names each row by its path, marking removed and modified ones', () => {
    const tree = buildLayerTree(sample);
    const names = tree.nodes.map(rowName);
    expect(names).toContain('/etc/group (removed)');
    expect(names).toContain('/etc/passwd (modified)');
    expect(names).toContain('/usr/bin/env');
  });

  it('keeps names with newlines, markup and U+FFFD as they are, one row each', () => {
    const hostile = ['evil\nname', '<img src=x onerror=alert(1)>', 'bad\uFFFDbyte', 'a/b'];
    const tree = buildLayerTree(hostile.map((n) => entry(`d/${n.replace('/', '\\')}`)));
    const rows = visibleRows(tree, new Set(), null);
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => rowName(tree.nodes[r.node]!))).toEqual([
      '/d',
      '/d/<img src=x onerror=alert(1)>',
      '/d/a\\b',
      '/d/bad\uFFFDbyte',
      '/d/evil\nname',
    ]);
    const filtered = visibleRows(tree, new Set(), keptByFilter(tree, '\nna'));
    expect(filtered.map((r) => tree.nodes[r.node]!.name)).toEqual(['d', 'evil\nname']);
  });

  it('lays out 100,000 paths quickly enough to redo on each keystroke', () => {
    const many: LayerEntry[] = [];
    for (let d = 0; d < 100; d++) {
      many.push(dir(`dir${d}`));
      for (let f = 0; f < 1000; f++) many.push(entry(`dir${d}/file${f}`));
    }
    const started = performance.now();
    const tree = buildLayerTree(many);
    const rows = visibleRows(tree, new Set(), keptByFilter(tree, 'file99'));
    expect(rows.length).toBe(100 * 12);
    expect(visibleRows(tree, new Set(), null)).toHaveLength(100_100);
    // Generous: the point is that nothing is quadratic.
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});

describe('keys in the tree', () => {
  const tree = buildLayerTree(sample);
  const rows = visibleRows(tree, new Set(), null);
  const at = (path: string) => rows.findIndex((r) => tree.nodes[r.node]!.path === path);

  it('moves up and down, stopping at the ends, and jumps with Home and End', () => {
    expect(treeKeyMove(rows, 0, 'ArrowDown')).toEqual({ focus: 1 });
    expect(treeKeyMove(rows, 0, 'ArrowUp')).toEqual({ focus: 0 });
    expect(treeKeyMove(rows, rows.length - 1, 'ArrowDown')).toEqual({ focus: rows.length - 1 });
    expect(treeKeyMove(rows, 3, 'Home')).toEqual({ focus: 0 });
    expect(treeKeyMove(rows, 0, 'End')).toEqual({ focus: rows.length - 1 });
  });

  it('Right opens a closed folder, enters an open one, and does nothing on a file', () => {
    const closed = visibleRows(tree, new Set(['usr']), null);
    const usr = closed.findIndex((r) => tree.nodes[r.node]!.path === 'usr');
    expect(treeKeyMove(closed, usr, 'ArrowRight')).toEqual({ toggle: usr });
    expect(treeKeyMove(rows, at('usr'), 'ArrowRight')).toEqual({ focus: at('usr/bin') });
    expect(treeKeyMove(rows, at('usr/bin/env'), 'ArrowRight')).toBeNull();
  });

  it('Left closes an open folder, else goes to the parent; at the top it stays', () => {
    expect(treeKeyMove(rows, at('usr/bin'), 'ArrowLeft')).toEqual({ toggle: at('usr/bin') });
    expect(treeKeyMove(rows, at('usr/bin/sh'), 'ArrowLeft')).toEqual({ focus: at('usr/bin') });
    expect(treeKeyMove(rows, at('a-file'), 'ArrowLeft')).toBeNull();
  });

  it('Enter toggles a folder; other keys are left to the browser', () => {
    expect(treeKeyMove(rows, at('etc'), 'Enter')).toEqual({ toggle: at('etc') });
    expect(treeKeyMove(rows, at('a-file'), 'Enter')).toBeNull();
    expect(treeKeyMove(rows, 0, 'a')).toBeNull();
  });
});
