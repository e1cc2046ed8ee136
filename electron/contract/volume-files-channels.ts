// The files of a volume: a folder listed one level at a time (the tree opens
// folders on demand, as a container's Files tab does), and which local image
// the short-lived helper container is made from. A volume has no process to
// ask, so Node creates a container with the volume mounted at HELPER_MOUNT
// (never started), reads and writes through the archive API, and removes it.
// Files in and out (download, upload, export, import) travel as transfers
// (transfers-channels.ts), not frames.
import { z } from 'zod';
import type { DirListing } from './container-files-channels.ts';
import { volumeName, volumePath } from './refs.ts';

/** Where the helper container mounts the volume. */
export const HELPER_MOUNT = '/v';

/** The label every helper container carries (its value: the volume), so leftovers can be found. */
export const HELPER_LABEL = 'berth.volume-helper';

/**
 * How helper containers are named (then `-` and 8 hex digits), so one seen in
 * `docker ps -a` or a volume's "used by" says what it is.
 */
export const HELPER_NAME_PREFIX = 'berth-volume-helper';

/** The image a helper would be made from now, or null when the engine has no usable one. */
export interface HelperImage {
  image: string | null;
}

export interface VolumeFileCalls {
  /** The direct children of one folder of the volume (`/` is its root). */
  'volumes.listDir': { args: [query: { name: string; path: string }]; result: DirListing };
  /** The image helpers are made from, for the page's commands and its "no usable image" notice. */
  'volumes.helperImage': { args: []; result: HelperImage };
}

export const volumeFileCallArgs: {
  [K in keyof VolumeFileCalls]: z.ZodType<VolumeFileCalls[K]['args']>;
} = {
  'volumes.listDir': z.tuple([z.strictObject({ name: volumeName, path: volumePath })]),
  'volumes.helperImage': z.tuple([]),
};
