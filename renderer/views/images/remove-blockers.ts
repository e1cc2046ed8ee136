// What stands in the way of removing images, from the live lists: the
// containers made from each (running ones block even a forced removal,
// stopped ones only an unforced one), and its other tags (a removal by id
// takes them all).
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import type { ImageSummary } from '../../../electron/contract/images-channels.ts';

export interface RemovalBlockers {
  id: string;
  /** Containers running (or paused, restarting) from it: the engine refuses even a forced removal. */
  running: string[];
  /** Stopped containers made from it: a forced removal goes ahead and leaves them without their image's name. */
  stopped: string[];
  /** Every name it has when it has more than one: they all go. */
  tags: string[];
}

const LIVE = new Set<ContainerSummary['state']>(['running', 'paused', 'restarting']);

export function removalBlockers(
  images: readonly ImageSummary[],
  containers: readonly Pick<ContainerSummary, 'name' | 'imageId' | 'state'>[],
): RemovalBlockers[] {
  return images.map((image) => {
    const users = containers.filter((c) => c.imageId === image.id);
    return {
      id: image.id,
      running: users
        .filter((c) => LIVE.has(c.state))
        .map((c) => c.name)
        .sort(),
      stopped: users
        .filter((c) => !LIVE.has(c.state))
        .map((c) => c.name)
        .sort(),
      tags: image.repoTags.length > 1 ? image.repoTags : [],
    };
  });
}

/** One line saying what blocks an image, or null when nothing does. */
export function blockerText(b: RemovalBlockers): string | null {
  const parts: string[] = [];
  if (b.running.length) {
    parts.push(`running: ${b.running.join(', ')} (the engine refuses even a forced removal)`);
  }
  if (b.stopped.length) parts.push(`stopped: ${b.stopped.join(', ')} (only a forced removal)`);
  if (b.tags.length) parts.push(`its ${b.tags.length} tags all go: ${b.tags.join(', ')}`);
  return parts.length ? parts.join('; ') : null;
}
