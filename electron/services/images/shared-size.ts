// How many bytes of each image other local images share, worked out from the
// layers (dockerd 20.10 answers `SharedSize: -1` in `/images/json`).
//
// The rule is the engine's own (`docker system df -v`): a layer is stored once
// per chain (its diffID and every layer under it), so two images share exactly
// the layers of their longest common prefix; an image's shared size is the sum
// of the sizes of its layers that at least one other listed image also has.
//
// A layer's size is in no inspect answer. We take it from the image's history
// (`GET /images/{id}/history`): the engine reports, for each history entry that
// made a layer, that layer's own size (DiffSize), and 0 for metadata-only
// entries. Every entry with a size made a layer; the only doubt is which
// zero-size entries did (a `RUN` that changed nothing still makes a layer),
// and we settle it by the instruction: metadata instructions (ENV, LABEL, CMD,
// ...) make none. Sizes of the layers under a shared prefix are the same in
// every image that has it, so one image's history serves all of them. Images
// never change, so each answer is kept by image id.

export interface HistoryEntry {
  /** The engine's `Size`: the layer's own bytes, 0 for metadata. */
  size: number;
  createdBy: string;
}

/** Instructions that change only the image's configuration, never its files. */
const METADATA =
  /^(?:\/bin\/sh -c #\(nop\)\s*)?(?:ENV|LABEL|CMD|ENTRYPOINT|EXPOSE|VOLUME|USER|WORKDIR|ARG|ONBUILD|STOPSIGNAL|HEALTHCHECK|SHELL|MAINTAINER)\b/;

/**
 * The size of each of `layerCount` layers, bottom first, from the history
 * entries oldest first; null when the history cannot account for them.
 */
export function layerSizesFromHistory(
  entries: readonly HistoryEntry[],
  layerCount: number,
): number[] | null {
  const sized = entries.filter((e) => e.size > 0).length;
  let zeroLayers = layerCount - sized;
  if (zeroLayers < 0) return null;
  const zeros = entries.filter((e) => e.size <= 0);
  const candidates = zeros.filter((e) => !METADATA.test(e.createdBy.trim()));
  // Prefer entries that change files; when they are too few, metadata ones count too.
  const chosen = new Set(
    candidates.length >= zeroLayers
      ? candidates.slice(0, zeroLayers)
      : [...candidates, ...zeros.filter((e) => !candidates.includes(e))].slice(0, zeroLayers),
  );
  if (chosen.size < zeroLayers) return null;
  const sizes: number[] = [];
  for (const e of entries) {
    if (e.size > 0) sizes.push(e.size);
    else if (chosen.has(e) && zeroLayers-- > 0) sizes.push(0);
  }
  return sizes.length === layerCount ? sizes : null;
}

export interface LayeredImage {
  id: string;
  /** diffIDs, bottom first. */
  layers: readonly string[];
}

export interface SharedSizes {
  /** Per image id: shared bytes, or null while a layer size it needs is unknown. */
  shared: Map<string, number | null>;
  /** Images whose history would supply the missing sizes (one per unknown shared prefix). */
  needHistory: string[];
}

/**
 * Shared size of every image. `sizesOf` gives an image's layer sizes when its
 * history is known. Linear in the number of layers of all images (a chain is
 * a trie node, so a 100-layer image costs 100 steps, not 100 prefixes).
 */
export function sharedSizes(
  images: readonly LayeredImage[],
  sizesOf: (id: string) => readonly number[] | undefined,
  /** Whether asking this image's history may help (not asked already). */
  canAsk: (id: string) => boolean = () => true,
): SharedSizes {
  // A trie of layer chains: a node is a chain (a stored layer), shared when two images pass it.
  const children = new Map<string, number>();
  const refs: number[] = [];
  const size: (number | undefined)[] = [];
  const paths = new Map<string, number[]>();
  for (const image of images) {
    const path: number[] = [];
    let node = -1;
    for (const layer of image.layers) {
      const key = `${node}\u0000${layer}`;
      let next = children.get(key);
      if (next === undefined) {
        next = refs.length;
        children.set(key, next);
        refs.push(0);
        size.push(undefined);
      }
      refs[next]!++;
      path.push(next);
      node = next;
    }
    paths.set(image.id, path);
    const sizes = sizesOf(image.id);
    if (sizes && sizes.length === path.length) path.forEach((n, i) => (size[n] = sizes[i]));
  }

  const shared = new Map<string, number | null>();
  const needHistory: string[] = [];
  const asked = new Set<number>();
  for (const image of images) {
    const path = paths.get(image.id)!;
    let bytes = 0;
    const missing: number[] = [];
    for (const node of path) {
      if (refs[node]! < 2) break; // refs only fall along a chain: the rest is this image's own
      const known = size[node];
      if (known === undefined) missing.push(node);
      else bytes += known;
    }
    if (missing.length === 0) {
      shared.set(image.id, bytes);
      continue;
    }
    // One history per unknown prefix: its sizes fill the nodes every sharer passes.
    if (canAsk(image.id) && !missing.every((node) => asked.has(node))) {
      needHistory.push(image.id);
      for (const node of path) asked.add(node);
    }
    shared.set(image.id, null);
  }
  return { shared, needHistory };
}
