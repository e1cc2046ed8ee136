// The disk domain of the contract: `docker system df [-v]` (what images,
// containers, local volumes and the build cache take, and what a prune could
// give back), and the prunes of containers, volumes and the build cache with
// their previews. Image prunes are the images domain's (image-commit-channels.ts).
import { z } from 'zod';
import { dockerCommandLine, type CliTarget, type Shell } from './run-spec/run-command.ts';

export type DiskKind = 'images' | 'containers' | 'volumes' | 'buildCache';

/** One line of `docker system df`, by the CLI's own rules (disk-usage rules in services/disk). */
export interface DiskTotals {
  kind: DiskKind;
  total: number;
  active: number;
  /** Bytes. */
  size: number;
  /** Bytes a prune could give back. */
  reclaimable: number;
  /** Whole percent of `size`, rounded down as the CLI does; null where the CLI shows none (build cache, or nothing at all). */
  reclaimablePercent: number | null;
}

/** `docker system df -v`, "Images space usage". */
export interface DiskImageRow {
  id: string;
  /** `<none>` for an untagged image, as the CLI prints it. */
  repository: string;
  tag: string;
  /** Seconds since the epoch. */
  created: number;
  size: number;
  sharedSize: number;
  uniqueSize: number;
  containers: number;
}

/** "Containers space usage". */
export interface DiskContainerRow {
  id: string;
  name: string;
  image: string;
  command: string;
  localVolumes: number;
  /** The writable layer (SizeRw). */
  size: number;
  created: number;
  state: string;
  status: string;
}

/** "Local Volumes space usage". */
export interface DiskVolumeRow {
  name: string;
  /** Containers that use it, running or not. */
  links: number;
  /** Bytes; -1 when the engine could not measure it. */
  size: number;
}

/** "Build cache usage". */
export interface DiskCacheRow {
  id: string;
  type: string;
  size: number;
  /** RFC 3339, as the engine sends it. */
  created: string;
  lastUsed: string | null;
  usage: number;
  shared: boolean;
  inUse: boolean;
  description: string;
}

export interface DiskUsage {
  /** Images, containers, local volumes, build cache: the CLI's order. */
  totals: DiskTotals[];
  images: DiskImageRow[];
  containers: DiskContainerRow[];
  volumes: DiskVolumeRow[];
  buildCache: DiskCacheRow[];
}

/** What `docker container prune`, `docker volume prune` or `docker builder prune` removes. */
export type PruneKind = 'containers' | 'volumes' | 'buildCache';

export interface DiskPruneQuery {
  kind: PruneKind;
  /** Volumes: named ones too (`docker volume prune -a`, engines from API 1.42); build cache: `--all`. */
  all: boolean;
}

/** One thing a prune would remove (or did). */
export interface DiskPruneItem {
  id: string;
  /** A container's or volume's name; a cache record's description. */
  name: string;
  /** Bytes; -1 when unknown. */
  size: number;
}

export interface DiskPrunePreview {
  kind: PruneKind;
  all: boolean;
  items: DiskPruneItem[];
  /** What the engine would report freed. */
  bytes: number;
  /** Things of this kind that stay: running containers, volumes in use, cache in use. */
  kept: number;
  /** Whether `all` means anything on this engine (volumes: API 1.42 and later; build cache: always). */
  allSupported: boolean;
  /** How this engine prunes this kind, in plain words. */
  rule: string;
}

export interface DiskPruneResult {
  kind: PruneKind;
  /** What the engine says it removed (names where it gives ids and they were known). */
  removed: DiskPruneItem[];
  /** The engine's SpaceReclaimed. */
  bytesFreed: number;
}

export interface DiskCalls {
  /** `docker system df -v`: the totals and every row, from one `/system/df`. */
  'disk.usage': { args: []; result: DiskUsage };
  /** What a prune of one kind would remove now, by the engine's rules. */
  'disk.prunePreview': { args: [query: DiskPruneQuery]; result: DiskPrunePreview };
  /** The prune itself: what the engine removed and freed. */
  'disk.prune': { args: [query: DiskPruneQuery]; result: DiskPruneResult };
}

const pruneQuery = z.tuple([
  z.strictObject({
    kind: z.enum(['containers', 'volumes', 'buildCache']),
    all: z.boolean(),
  }),
]);

export const diskCallArgs: { [K in keyof DiskCalls]: z.ZodType<DiskCalls[K]['args']> } = {
  'disk.usage': z.tuple([]),
  'disk.prunePreview': pruneQuery,
  'disk.prune': pruneQuery,
};

/** The command a prune stands for, safe to paste. */
export function pruneCommandLine(
  query: DiskPruneQuery,
  shell: Shell,
  target: CliTarget = {},
): string {
  const args = {
    containers: ['container', 'prune', '-f'],
    volumes: ['volume', 'prune', ...(query.all ? ['-a'] : []), '-f'],
    buildCache: ['builder', 'prune', ...(query.all ? ['-a'] : []), '-f'],
  }[query.kind];
  return dockerCommandLine(args, shell, target);
}

/**
 * A size as the docker CLI prints it (go-units HumanSize: decimal units, four
 * significant digits; three in the image rows of `-v`), so the page and
 * `docker system df` read the same.
 */
export function cliSize(bytes: number, digits = 4): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${Number(value.toPrecision(digits))}${units[unit]}`;
}
