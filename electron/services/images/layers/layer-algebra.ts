// How layers stack, as overlayfs applies them: a layer's whiteout `.wh.NAME`
// deletes NAME (a folder with everything under it) from the layers below; an
// opaque marker `.wh..wh..opq` in a folder hides everything the layers below
// had in it; an entry whose kind differs from the one below (file ↔ folder)
// replaces it, so a folder replaced by a file loses its contents. Removals
// apply to the layers below only, so a layer can delete a folder and write
// into it again. Other `.wh..wh.` names are bookkeeping of aufs and mean
// nothing here.
import type { LayerChange, LayerEntry } from '../../../contract/image-layers-channels.ts';
import type { RawEntry } from './layer-list.ts';

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';
const META = '.wh..wh.';

interface FsNode {
  entry: RawEntry;
  layer: number;
}

/** What a whiteout name means: null for an ordinary entry. */
export function whiteoutOf(
  path: string,
):
  { kind: 'opaque'; dir: string } | { kind: 'whiteout'; target: string } | { kind: 'meta' } | null {
  const slash = path.lastIndexOf('/');
  const base = slash < 0 ? path : path.slice(slash + 1);
  if (!base.startsWith(WHITEOUT)) return null;
  const dir = slash < 0 ? '' : path.slice(0, slash);
  if (base === OPAQUE) return { kind: 'opaque', dir };
  if (base.startsWith(META)) return { kind: 'meta' };
  const name = base.slice(WHITEOUT.length);
  return { kind: 'whiteout', target: dir === '' ? name : `${dir}/${name}` };
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The stacked filesystem, with a child index so a folder is removed without scanning every path. */
export class FsState {
  readonly nodes = new Map<string, FsNode>();
  readonly #children = new Map<string, Set<string>>();

  set(path: string, node: FsNode): void {
    if (!this.nodes.has(path)) this.#link(path);
    this.nodes.set(path, node);
  }

  /** Removes what lies under `path` (not `path` itself), calling `onRemoved` for each node. */
  removeBelow(path: string, onRemoved: (path: string, node: FsNode) => void): void {
    const kids = this.#children.get(path);
    if (!kids) return;
    this.#children.delete(path);
    for (const kid of kids) {
      const node = this.nodes.get(kid);
      if (node) {
        this.nodes.delete(kid);
        onRemoved(kid, node);
      }
      this.removeBelow(kid, onRemoved);
    }
  }

  /** Removes `path` and what lies under it. */
  removeTree(path: string, onRemoved: (path: string, node: FsNode) => void): void {
    const node = this.nodes.get(path);
    if (node) {
      this.nodes.delete(path);
      onRemoved(path, node);
    }
    this.removeBelow(path, onRemoved);
    this.#children.get(parentOf(path))?.delete(path);
  }

  #link(path: string): void {
    let child = path;
    while (child !== '') {
      const parent = parentOf(child);
      let kids = this.#children.get(parent);
      const known = kids !== undefined;
      if (!kids) {
        kids = new Set();
        this.#children.set(parent, kids);
      }
      if (kids.has(child)) return;
      kids.add(child);
      // A parent already indexed is already linked to its own parent.
      if (known) return;
      child = parent;
    }
  }
}

export interface LayerStep {
  /** Paths this layer wrote, with `added` or `modified`. */
  written: Map<string, LayerChange>;
  /** Paths of the layers below that this layer removed, as they were. */
  removed: Map<string, FsNode>;
}

/** Applies one layer's entries to `state`; returns what it changed when `track` is set. */
export function applyLayer(
  state: FsState,
  entries: readonly RawEntry[],
  layer: number,
  track: boolean,
): LayerStep {
  const written = new Map<string, LayerChange>();
  const removed = new Map<string, FsNode>();
  const onRemoved = track
    ? (path: string, node: FsNode) => {
        if (node.layer < layer) removed.set(path, node);
      }
    : () => {};
  // Removals first: they apply to the layers below, never to this one's own entries.
  for (const entry of entries) {
    const wh = whiteoutOf(entry.path);
    if (!wh) continue;
    if (wh.kind === 'opaque') state.removeBelow(wh.dir, onRemoved);
    else if (wh.kind === 'whiteout') state.removeTree(wh.target, onRemoved);
  }
  for (const entry of entries) {
    if (whiteoutOf(entry.path)) continue;
    const path = entry.path;
    const below = state.nodes.get(path);
    if (below && below.layer === layer) {
      // The same path twice in one tar: the later entry wins, the change stays.
      state.set(path, { entry, layer });
      continue;
    }
    const wasDir = below?.entry.kind === 'dir';
    const isDir = entry.kind === 'dir';
    if (below && wasDir && !isDir) state.removeBelow(path, onRemoved);
    if (track) {
      const existed = below !== undefined || removed.has(path);
      if (removed.has(path)) removed.delete(path);
      written.set(path, existed ? 'modified' : 'added');
    }
    state.set(path, { entry, layer });
  }
  return { written, removed };
}

/** Stacks layers 0..upTo, tracking the last one. */
export function stackTo(
  layers: readonly (readonly RawEntry[])[],
  upTo: number,
): { state: FsState; step: LayerStep } {
  const state = new FsState();
  let step: LayerStep = { written: new Map(), removed: new Map() };
  for (let i = 0; i <= upTo; i++) step = applyLayer(state, layers[i]!, i, i === upTo);
  return { state, step };
}

function toEntry(entry: RawEntry, change: LayerChange, path = entry.path): LayerEntry {
  const out: LayerEntry = {
    path,
    kind: entry.kind,
    size: entry.size,
    mode: entry.mode,
    uid: entry.uid,
    gid: entry.gid,
    change,
  };
  if (entry.linkTarget !== undefined) out.linkTarget = entry.linkTarget;
  return out;
}

const byPath = (a: LayerEntry, b: LayerEntry) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** What layer `index` added, modified and removed against the layers below, sorted by path. */
export function layerChanges(
  layers: readonly (readonly RawEntry[])[],
  index: number,
): LayerEntry[] {
  const { state, step } = stackTo(layers, index);
  const out: LayerEntry[] = [];
  for (const [path, change] of step.written)
    out.push(toEntry(state.nodes.get(path)!.entry, change));
  for (const [path, node] of step.removed) out.push(toEntry(node.entry, 'removed', path));
  return out.sort(byPath);
}

/** The image's filesystem as of layer `index`: every path, marked with what that layer did to it. */
export function filesystemAt(
  layers: readonly (readonly RawEntry[])[],
  index: number,
): LayerEntry[] {
  const { state, step } = stackTo(layers, index);
  const out: LayerEntry[] = [];
  for (const [path, node] of state.nodes) {
    out.push(toEntry(node.entry, step.written.get(path) ?? 'unchanged'));
  }
  return out.sort(byPath);
}
