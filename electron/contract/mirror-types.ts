// The one shape of a live list the app keeps by events (containers, images,
// volumes, networks): a snapshot, then numbered deltas. Each resource
// of each engine numbers its own deltas 1, 2, 3..., so a client that took a
// snapshot at seq N applies only deltas above N and fetches a new snapshot
// when one is missing.
import type { ContainerSummary } from './container-types.ts';
import type { ImageSummary } from './images-channels.ts';
import type { NetworkSummary } from './networks-channels.ts';
import type { VolumeSummary } from './volumes-channels.ts';

export interface ResourceDelta<T> {
  engineId: string;
  seq: number;
  /** When true, `upserts` is the whole list (a re-list after a (re)connect). */
  reset: boolean;
  upserts: T[];
  removed: string[];
}

export interface ResourceSnapshot<T> {
  engineId: string;
  seq: number;
  items: T[];
}

/**
 * The mirrored resources and their rows. A resource R has the call `R.list`
 * (its snapshot) and the event `R.delta` in its domain's channel file.
 */
export interface MirroredRows {
  containers: ContainerSummary;
  images: ImageSummary;
  volumes: VolumeSummary;
  networks: NetworkSummary;
}

export type MirroredResource = keyof MirroredRows;

/** A delta with the resource it is of, as one argument list TypeScript narrows on the first. */
export type MirrorDeltaArgs = {
  [R in MirroredResource]: [resource: R, delta: ResourceDelta<MirroredRows[R]>];
}[MirroredResource];
