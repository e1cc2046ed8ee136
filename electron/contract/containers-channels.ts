// The containers domain of the contract: the live list, lifecycle actions,
// create and re-create, inspect and settings, and stats.
import { z } from 'zod';
import { MAX_STATS_IDS, type StatsQuery } from './container-stats.ts';
import type { ContainerSettings, ContainersDelta, ContainersSnapshot } from './container-types.ts';
import { signalName } from './processes-channels.ts';
import { containerId, containerName, containerRef } from './refs.ts';
import { recreateChanges, runSpec, type RecreateChanges, type RunSpec } from './run-spec/spec.ts';

export interface ContainerCalls {
  'containers.list': { args: []; result: ContainersSnapshot };
  'containers.start': { args: [id: string]; result: void };
  /** Asks the main process to stop, then kills it after `timeoutSeconds` (the engine's default when absent). */
  'containers.stop': { args: [id: string, options?: { timeoutSeconds?: number }]; result: void };
  'containers.restart': { args: [id: string, options?: { timeoutSeconds?: number }]; result: void };
  'containers.pause': { args: [id: string]; result: void };
  'containers.unpause': { args: [id: string]; result: void };
  'containers.kill': { args: [id: string, options?: { signal?: string }]; result: void };
  /** `force` removes a running container; `volumes` also removes its anonymous volumes. */
  'containers.remove': {
    args: [id: string, options?: { force?: boolean; volumes?: boolean }];
    result: void;
  };
  'containers.rename': { args: [id: string, newName: string]; result: void };
  /** `docker run` (or `docker create` when spec.start is false): pulls a missing image first. */
  'containers.create': { args: [spec: RunSpec]; result: { id: string; name: string } };
  /** `docker inspect` of one container, as the engine returns it. */
  'containers.inspect': { args: [id: string]; result: Record<string, unknown> };
  /** A container's configuration as a run spec (image defaults left out), for its Settings tab. */
  'containers.settings': { args: [id: string]; result: ContainerSettings };
  /**
   * Replaces a container with one made from its configuration plus `changes`, under
   * the same name; the old one is kept until the new one runs.
   */
  'containers.recreate': {
    args: [id: string, changes: RecreateChanges];
    result: { id: string; name: string };
  };
}

const stopOptions = z
  .object({ timeoutSeconds: z.number().int().min(0).max(3600).optional() })
  .strict();

export const containerCallArgs: {
  [K in keyof ContainerCalls]: z.ZodType<ContainerCalls[K]['args']>;
} = {
  'containers.list': z.tuple([]),
  'containers.start': z.tuple([containerRef]),
  'containers.stop': z.tuple([containerRef, stopOptions.optional()]),
  'containers.restart': z.tuple([containerRef, stopOptions.optional()]),
  'containers.pause': z.tuple([containerRef]),
  'containers.unpause': z.tuple([containerRef]),
  'containers.kill': z.tuple([
    containerRef,
    z
      .object({
        signal: signalName.optional(),
      })
      .strict()
      .optional(),
  ]),
  'containers.remove': z.tuple([
    containerRef,
    z
      .object({ force: z.boolean().optional(), volumes: z.boolean().optional() })
      .strict()
      .optional(),
  ]),
  'containers.rename': z.tuple([containerRef, containerName]),
  'containers.create': z.tuple([runSpec]),
  'containers.inspect': z.tuple([containerRef]),
  'containers.settings': z.tuple([containerRef]),
  'containers.recreate': z.tuple([containerRef, recreateChanges]),
};

export interface ContainerEvents {
  'containers.delta': ContainersDelta;
}

export interface ContainerStreams {
  /**
   * CPU and memory of running containers, one JSON line per sample (`StatsLine`),
   * until cancelled; a container that stops gets a `gone` line and no more.
   */
  'containers.stats': { args: [query: StatsQuery] };
}

export const containerStreamArgs: {
  [K in keyof ContainerStreams]: z.ZodType<ContainerStreams[K]['args']>;
} = {
  'containers.stats': z.tuple([
    z.object({ ids: z.array(containerId).max(MAX_STATS_IDS) }).strict(),
  ]),
};
