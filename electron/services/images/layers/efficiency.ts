// The image's efficiency, after dive's filetree/efficiency.go: for every path,
// each copy a layer wrote (a file, link or other non-folder entry) and each
// removal of it counts as a copy; a removal weighs 0 bytes, since the bytes
// below it are still shipped but no longer seen. score = Σ smallest copy of
// each path / Σ all copies (1 when nothing was written); wasted bytes = Σ over
// paths with more than one copy of all copies but the smallest. Folders don't
// count: their size is the files in them, counted already.
import type { ImageEfficiency, WastedPath } from '../../../contract/image-layers-channels.ts';
import { applyLayer, FsState } from './layer-algebra.ts';
import type { RawEntry } from './layer-list.ts';

const WORST_MAX = 100;

interface PathCopies {
  /** A non-folder is there now, so a folder written over it removes a copy. */
  live: boolean;
  copies: number;
  total: number;
  smallest: number;
  layers: number[];
}

export function imageEfficiency(layers: readonly (readonly RawEntry[])[]): ImageEfficiency {
  const byPath = new Map<string, PathCopies>();
  const copy = (path: string, size: number, layer: number, live: boolean) => {
    const seen = byPath.get(path);
    if (!seen) {
      byPath.set(path, { live, copies: 1, total: size, smallest: size, layers: [layer] });
      return;
    }
    seen.live = live;
    seen.copies++;
    seen.total += size;
    if (size < seen.smallest) seen.smallest = size;
    if (seen.layers[seen.layers.length - 1] !== layer) seen.layers.push(layer);
  };
  const state = new FsState();
  for (let i = 0; i < layers.length; i++) {
    const step = applyLayer(state, layers[i]!, i, true);
    for (const [path] of step.written) {
      const entry = state.nodes.get(path)!.entry;
      if (entry.kind !== 'dir') copy(path, entry.size, i, true);
      else if (byPath.get(path)?.live) copy(path, 0, i, false);
    }
    for (const [path, node] of step.removed) {
      if (node.entry.kind !== 'dir') copy(path, 0, i, false);
    }
  }
  let smallestSum = 0;
  let totalSum = 0;
  let wastedBytes = 0;
  const wasted: WastedPath[] = [];
  for (const [path, seen] of byPath) {
    smallestSum += seen.smallest;
    totalSum += seen.total;
    if (seen.copies < 2) continue;
    const waste = seen.total - seen.smallest;
    wastedBytes += waste;
    if (waste > 0) {
      wasted.push({
        path,
        copies: seen.copies,
        totalBytes: seen.total,
        wastedBytes: waste,
        layers: seen.layers,
      });
    }
  }
  wasted.sort((a, b) => b.wastedBytes - a.wastedBytes || (a.path < b.path ? -1 : 1));
  return {
    score: totalSum === 0 ? 1 : smallestSum / totalSum,
    wastedBytes,
    worst: wasted.slice(0, WORST_MAX),
  };
}
