// What the Volumes page does to volumes: create, remove, prune (with a preview
// of exactly what the engine's prune takes), and their sizes, which dockerd
// reports only in `/system/df` (read on demand: it walks every volume).
import { z } from 'zod';
import { volumeName } from './refs.ts';

export interface VolumeCreateSpec {
  /** Absent: the engine picks a 64-hex name. */
  name?: string;
  driver: string;
  /** The driver's options (`-o key=value`). */
  options: Record<string, string>;
  labels: Record<string, string>;
}

/** One volume a prune would take (or took). */
export interface PrunableVolume {
  name: string;
  /** Bytes, as `/system/df` counts them; null when the engine did not say. */
  size: number | null;
}

export interface VolumePrunePreview {
  volumes: PrunableVolume[];
  /** The sum of the sizes known. */
  bytes: number;
  /** Volumes kept because a container (running or stopped) mounts them. */
  keptInUse: number;
  /** Unused volumes of other drivers, which dockerd's prune leaves alone. */
  keptOtherDriver: number;
  /** Unused volumes made with driver options (`-o`: tmpfs, a device, a bind): dockerd's prune keeps them. */
  keptWithOptions: number;
  /** The engine (API 1.42 and later) prunes only anonymous volumes; 20.10 takes named ones too. */
  anonymousOnly: boolean;
}

export interface VolumePruneResult {
  deleted: string[];
  bytesFreed: number;
}

export interface VolumeActionCalls {
  /** `docker volume create`: the name the volume got. */
  'volumes.create': { args: [spec: VolumeCreateSpec]; result: { name: string } };
  /** `docker volume rm [-f]`; refused while a container mounts it, force or not. */
  'volumes.remove': { args: [name: string, opts: { force: boolean }]; result: void };
  /** What `docker volume prune -f` would remove now, by the engine's own rule. */
  'volumes.prunePreview': { args: []; result: VolumePrunePreview };
  'volumes.prune': { args: []; result: VolumePruneResult };
  /** Bytes used by each volume, by name (`docker system df -v`); absent where the engine has no figure. */
  'volumes.sizes': { args: []; result: Record<string, number> };
}

/** A volume driver: `local`, or a plugin's name (`vieux/sshfs:latest`). */
export const volumeDriver = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_./:-]*$/, 'not a volume driver name');

const optionKey = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[^=\s]+$/, 'An option or label name is not empty and has no = or spaces');

const bounded = (max: number) =>
  z
    .record(optionKey, z.string().max(100_000))
    .refine((r) => Object.keys(r).length <= max, `At most ${max} entries`);

export const volumeCreateSpec = z.strictObject({
  name: volumeName.optional(),
  driver: volumeDriver,
  options: bounded(200),
  labels: bounded(1000),
});

export const volumeActionCallArgs: {
  [K in keyof VolumeActionCalls]: z.ZodType<VolumeActionCalls[K]['args']>;
} = {
  'volumes.create': z.tuple([volumeCreateSpec]),
  'volumes.remove': z.tuple([volumeName, z.strictObject({ force: z.boolean() })]),
  'volumes.prunePreview': z.tuple([]),
  'volumes.prune': z.tuple([]),
  'volumes.sizes': z.tuple([]),
};

/** `docker volume create` for a spec: the CLI's arguments after `docker`. */
export function volumeCreateArgs(spec: VolumeCreateSpec): string[] {
  const args = ['volume', 'create'];
  if (spec.driver !== 'local') args.push('--driver', spec.driver);
  for (const [k, v] of Object.entries(spec.options)) args.push('--opt', `${k}=${v}`);
  for (const [k, v] of Object.entries(spec.labels)) args.push('--label', `${k}=${v}`);
  // The name's rule (refs.ts) keeps it from starting with `-`: it is never read as an option.
  if (spec.name) args.push(spec.name);
  return args;
}
