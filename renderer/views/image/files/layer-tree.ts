// The Files tab's tree of one layer's entries: built once per listing (an
// image layer can hold 100,000 paths), then laid out as the flat rows a
// virtualised `tree` shows, from the collapsed folders and a path filter.
// Each row carries what an ARIA tree item must say: its level, its number of
// shown siblings and its place among them.
import type { LayerEntry } from '../../../../electron/contract/image-layers-channels.ts';

export interface TreeNode {
  /** Relative to the root, as the listing says it (`usr/bin/env`). */
  path: string;
  name: string;
  /** Index of the parent node; -1 at the top. */
  parent: number;
  /** Folders first, then by name. */
  children: number[];
  /** Absent for a folder the listing implies but does not hold (a whiteout's parent). */
  entry?: LayerEntry;
  /** A file's size; a folder's: the files under it that the layer writes. */
  bytes: number;
}

/** Nodes in creation order: a parent always comes before its children. */
export interface LayerTree {
  nodes: TreeNode[];
  roots: number[];
}

export interface TreeRow {
  node: number;
  level: number;
  setSize: number;
  posInSet: number;
  expandable: boolean;
  expanded: boolean;
}

export function buildLayerTree(entries: readonly LayerEntry[]): LayerTree {
  const nodes: TreeNode[] = [];
  const roots: number[] = [];
  const byPath = new Map<string, number>();
  // Iterative, parents first: a path is at most a few hundred folders deep,
  // but no stack need hold them.
  const ensure = (path: string): number => {
    const known = byPath.get(path);
    if (known !== undefined) return known;
    const missing = [path];
    let parent = -1;
    for (let p = parentOf(path); p !== ''; p = parentOf(p)) {
      const at = byPath.get(p);
      if (at !== undefined) {
        parent = at;
        break;
      }
      missing.push(p);
    }
    for (let i = missing.length - 1; i >= 0; i--) {
      const p = missing[i]!;
      const index = nodes.length;
      nodes.push({
        path: p,
        name: p.slice(p.lastIndexOf('/') + 1),
        parent,
        children: [],
        bytes: 0,
      });
      byPath.set(p, index);
      (parent === -1 ? roots : nodes[parent]!.children).push(index);
      parent = index;
    }
    return parent;
  };
  for (const entry of entries) {
    const path = entry.path.replace(/^\.?\/+/, '').replace(/\/+$/, '');
    if (path === '' || path === '.') continue;
    const node = nodes[ensure(path)]!;
    node.entry = entry;
    node.bytes = entry.kind === 'file' && entry.change !== 'removed' ? entry.size : 0;
  }
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (node.parent !== -1) nodes[node.parent]!.bytes += node.bytes;
  }
  const order = (a: number, b: number) => {
    const x = nodes[a]!;
    const y = nodes[b]!;
    const folder = Number(isFolder(y)) - Number(isFolder(x));
    return folder || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
  };
  roots.sort(order);
  for (const node of nodes) if (node.children.length > 1) node.children.sort(order);
  return { nodes, roots };
}

function parentOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? '' : path.slice(0, cut);
}

export function isFolder(node: TreeNode): boolean {
  return node.children.length > 0 || node.entry?.kind === 'dir';
}

/**
 * Which nodes a filter keeps: those whose path contains it (ignoring case)
 * and every folder above them, so a match is shown where it lives. Null when
 * there is no filter (everything is kept).
 */
export function keptByFilter(tree: LayerTree, filter: string): Uint8Array | null {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return null;
  const { nodes } = tree;
  const keep = new Uint8Array(nodes.length);
  // Children come after their parents: walking backwards reaches a match before its folders.
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (!keep[i] && !`/${node.path}`.toLowerCase().includes(needle)) continue;
    keep[i] = 1;
    if (node.parent !== -1) keep[node.parent] = 1;
  }
  return keep;
}

/** The rows on show: depth first, skipping what is under a collapsed folder or filtered out. */
export function visibleRows(
  tree: LayerTree,
  collapsed: ReadonlySet<string>,
  keep: Uint8Array | null,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const shown = (kids: number[]) => (keep ? kids.filter((k) => keep[k]) : kids);
  const visit = (kids: number[], level: number) => {
    const list = shown(kids);
    for (let i = 0; i < list.length; i++) {
      const index = list[i]!;
      const node = tree.nodes[index]!;
      const expandable = keep ? node.children.some((k) => keep[k]) : node.children.length > 0;
      const expanded = expandable && !collapsed.has(node.path);
      rows.push({
        node: index,
        level,
        setSize: list.length,
        posInSet: i + 1,
        expandable,
        expanded,
      });
      if (expanded) visit(node.children, level + 1);
    }
  };
  visit(tree.roots, 1);
  return rows;
}

/** Every folder's path: "Collapse all". */
export function allFolders(tree: LayerTree): Set<string> {
  return new Set(tree.nodes.filter((n) => n.children.length > 0).map((n) => n.path));
}

/**
 * A tree item's accessible name: its path from the root, and what the layer
 * did to it when it did not simply add it.
 */
export function rowName(node: TreeNode): string {
  const change = node.entry?.change;
  const mark = change === 'removed' ? ' (removed)' : change === 'modified' ? ' (modified)' : '';
  return `/${node.path}${mark}`;
}
