import type { DiskKind, PruneKind } from '../../../electron/contract/disk-channels.ts';

export const KIND_LABEL: Record<DiskKind, string> = {
  images: 'Images',
  containers: 'Containers',
  volumes: 'Local volumes',
  buildCache: 'Build cache',
};

/** What one item of a prune is called, one and many. */
export const PRUNE_NOUN: Record<PruneKind, [string, string]> = {
  containers: ['container', 'containers'],
  volumes: ['volume', 'volumes'],
  buildCache: ['build cache record', 'build cache records'],
};

export const PRUNE_TITLE: Record<PruneKind, string> = {
  containers: 'Prune containers',
  volumes: 'Prune volumes',
  buildCache: 'Prune build cache',
};
