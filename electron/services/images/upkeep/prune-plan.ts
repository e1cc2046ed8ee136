// What `docker image prune [-a]` removes, worked out before it runs, by the
// rules of dockerd's own prune (daemon/images/image_prune.go and
// image_delete.go, classic image store):
// - dangling only: the "heads" (images no other image names as its parent)
//   that have no tag (a digest alone does not count as one);
// - all (`-a`): every image; an untagged image with children is not a
//   candidate itself, it goes when its last child goes;
// - an image a container uses, running or stopped, is never removed (the
//   engine's conflict is skipped, not forced);
// - each removal prunes its parents as well, one after another, while the
//   parent has no tag or digest, no other child left and no container.
// So with `-a` the images kept are exactly those containers use and their
// ancestors. Freed bytes are the engine's too: the sizes of the layer chains
// that no image left has.

export interface PruneCandidate {
  id: string;
  /** The image's parent in the classic store ('' when none: pulled, loaded or imported images). */
  parentId: string;
  repoTags: string[];
  repoDigests: string[];
  /** diffIDs, bottom first. */
  layers: string[];
}

export interface PrunePlan {
  /** Image ids, in no particular order. */
  removed: string[];
  /** Candidates kept because a container, or a kept image built on them, holds them. */
  keptInUse: number;
}

export function planPrune(
  images: readonly PruneCandidate[],
  usedByContainers: ReadonlySet<string>,
  all: boolean,
): PrunePlan {
  const byId = new Map(images.map((i) => [i.id, i]));
  const children = new Map<string, Set<string>>();
  for (const image of images) {
    if (!image.parentId || !byId.has(image.parentId)) continue;
    const set = children.get(image.parentId) ?? new Set<string>();
    set.add(image.id);
    children.set(image.parentId, set);
  }
  const removed = new Set<string>();
  const liveChildren = (id: string) => [...(children.get(id) ?? [])].filter((c) => !removed.has(c));
  if (all) {
    const kept = new Set<string>();
    for (const id of usedByContainers) {
      for (let at = byId.get(id); at && !kept.has(at.id); at = byId.get(at.parentId)) {
        kept.add(at.id);
      }
    }
    for (const image of images) if (!kept.has(image.id)) removed.add(image.id);
    const candidates = images.filter((i) => i.repoTags.length > 0 || !children.has(i.id));
    return { removed: [...removed], keptInUse: candidates.filter((i) => kept.has(i.id)).length };
  }
  const tops = images.filter((i) => !children.has(i.id) && i.repoTags.length === 0);
  let keptInUse = 0;
  for (const top of tops) {
    if (usedByContainers.has(top.id)) {
      keptInUse++;
      continue;
    }
    removed.add(top.id);
    for (let parent = byId.get(top.parentId); parent; parent = byId.get(parent.parentId)) {
      const free =
        parent.repoTags.length === 0 &&
        parent.repoDigests.length === 0 &&
        !usedByContainers.has(parent.id) &&
        liveChildren(parent.id).length === 0;
      if (!free || removed.has(parent.id)) break;
      removed.add(parent.id);
    }
  }
  return { removed: [...removed], keptInUse };
}

/** A layer chain's key: a layer is stored once per chain (it and every layer under it). */
function chains(layers: readonly string[]): string[] {
  const keys: string[] = [];
  let key = '';
  for (const layer of layers) keys.push((key = key ? `${key}/${layer}` : layer));
  return keys;
}

/**
 * Bytes the engine frees when `removed` go: the sizes of the chains only they
 * had. `sizesOf` gives an image's layer sizes bottom first (from its history);
 * a chain whose size no removed image can tell counts as 0.
 */
export function bytesFreed(
  images: readonly PruneCandidate[],
  removed: ReadonlySet<string>,
  sizesOf: (id: string) => readonly number[] | null,
): number {
  const left = new Set<string>();
  for (const image of images)
    if (!removed.has(image.id)) for (const c of chains(image.layers)) left.add(c);
  const freed = new Map<string, number>();
  for (const image of images) {
    if (!removed.has(image.id)) continue;
    const sizes = sizesOf(image.id);
    chains(image.layers).forEach((chain, i) => {
      if (left.has(chain)) return;
      const size = sizes?.[i];
      if (size !== undefined || !freed.has(chain)) freed.set(chain, size ?? freed.get(chain) ?? 0);
    });
  }
  let total = 0;
  for (const size of freed.values()) total += size;
  return total;
}
