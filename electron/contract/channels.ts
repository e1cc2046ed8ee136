// The one contract between Node and the renderer. Adding a feature means one
// entry here and one handler in a service; the transports never change.
//
// - Calls: request -> response. `args` is validated at the boundary with the
//   schema in `callArgs`; results come from our own services and are trusted.
// - Events: pushed from Node to every connected renderer.
// - Streams: bytes from Node, paused above a watermark until the renderer acks.
import { z } from 'zod';
import { MAX_STATS_IDS, type StatsQuery } from './container-stats.ts';
import type { ContainerSettings, ContainersDelta, ContainersSnapshot } from './container-types.ts';
import type { EngineCandidate, EngineStatus } from './engine-types.ts';
import {
  CONTAINER_NAME,
  recreateChanges,
  runSpec,
  type RecreateChanges,
  type RunSpec,
} from './run-spec/spec.ts';
import { imageReferenceProblem } from './run-spec/parse.ts';

export interface Calls {
  'engine.status': { args: []; result: EngineStatus };
  'engine.candidates': { args: []; result: EngineCandidate[] };
  /** Probe every candidate again (the Retry button). */
  'engine.rediscover': { args: []; result: EngineCandidate[] };
  /** Switch to a candidate by id; the choice is remembered. */
  'engine.use': { args: [id: string]; result: void };
  'engine.start': { args: []; result: void };
  'engine.stop': { args: []; result: void };
  'engine.restart': { args: []; result: void };
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
  /** Local images: the Images page, and the dialog's suggestions. */
  'images.list': { args: []; result: ImageSummary[] };
  /** `docker rmi`: `force` also removes an image other names or stopped containers use. */
  'images.remove': { args: [ref: string, options?: { force?: boolean }]; result: void };
  'networks.list': { args: []; result: NetworkSummary[] };
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
  /** What an image declares, to pre-fill the New container dialog. */
  'images.inspect': { args: [ref: string]; result: ImageDetails };
}

export interface ImageDetails {
  id: string;
  repoTags: string[];
  /** `80/tcp`, from EXPOSE. */
  exposedPorts: string[];
  /** Paths from VOLUME. */
  volumes: string[];
  cmd: string[];
  entrypoint: string[];
  workingDir: string;
  user: string;
}

export interface ImageSummary {
  id: string;
  /** `repo:tag` names; empty for an untagged image. */
  repoTags: string[];
  /** Seconds since the epoch. */
  created: number;
  size: number;
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
}

export interface Events {
  'engine.status': EngineStatus;
  'engine.candidates': EngineCandidate[];
  'containers.delta': ContainersDelta;
  /** The engine's images changed (pulled, tagged, removed...): list them again. */
  'images.changed': { engineId: string };
}

export interface Streams {
  /** The managed engine's log: the last `tail` lines, then new ones as they come. */
  'engine.log': { args: [query: { tail: number }] };
  /**
   * `docker pull`: PullLines (pull-progress.ts) as newline-delimited JSON; ends
   * with the engine's own error, or a timeout when the registry never answers.
   * Closing the stream aborts the pull.
   */
  'images.pull': { args: [query: { ref: string }] };
  /**
   * CPU and memory of running containers, one JSON line per sample (`StatsLine`),
   * until cancelled; a container that stops gets a `gone` line and no more.
   */
  'containers.stats': { args: [query: StatsQuery] };
}

export type CallChannel = keyof Calls;
export type EventChannel = keyof Events;
export type StreamChannel = keyof Streams;
export type CallArgs<K extends CallChannel> = Calls[K]['args'];
export type CallResult<K extends CallChannel> = Calls[K]['result'];
export type StreamArgs<K extends StreamChannel> = Streams[K]['args'];

const noArgs = z.tuple([]);
const engineId = z.string().min(1).max(4096);
/** A container id (or id prefix) or name, as the engine accepts them. */
const containerRef = z
  .string()
  .max(256)
  .regex(/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a container id or name');
const containerName = z
  .string()
  .max(255)
  .regex(
    CONTAINER_NAME,
    'a name starts with a letter or digit and uses only letters, digits, _ . and -, at least 2 characters',
  );
const stopOptions = z
  .object({ timeoutSeconds: z.number().int().min(0).max(3600).optional() })
  .strict();

/** Argument schemas, one per call; the type forces one for every channel. */
export const callArgs: { [K in CallChannel]: z.ZodType<CallArgs<K>> } = {
  'engine.status': noArgs,
  'engine.candidates': noArgs,
  'engine.rediscover': noArgs,
  'engine.use': z.tuple([engineId]),
  'engine.start': noArgs,
  'engine.stop': noArgs,
  'engine.restart': noArgs,
  'containers.list': noArgs,
  'containers.start': z.tuple([containerRef]),
  'containers.stop': z.tuple([containerRef, stopOptions.optional()]),
  'containers.restart': z.tuple([containerRef, stopOptions.optional()]),
  'containers.pause': z.tuple([containerRef]),
  'containers.unpause': z.tuple([containerRef]),
  'containers.kill': z.tuple([
    containerRef,
    z
      .object({
        signal: z
          .string()
          .regex(/^(SIG)?[A-Z0-9+-]{1,12}$|^\d{1,2}$/, 'not a signal name')
          .optional(),
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
  'images.list': noArgs,
  'networks.list': noArgs,
  'images.inspect': z.tuple([z.string().min(1).max(512)]),
  'images.remove': z.tuple([
    z.string().min(1).max(512),
    z.object({ force: z.boolean().optional() }).strict().optional(),
  ]),
  'containers.inspect': z.tuple([containerRef]),
  'containers.settings': z.tuple([containerRef]),
  'containers.recreate': z.tuple([containerRef, recreateChanges]),
};

export const streamArgs: { [K in StreamChannel]: z.ZodType<StreamArgs<K>> } = {
  'engine.log': z.tuple([z.object({ tail: z.number().int().min(0).max(100_000) })]),
  'images.pull': z.tuple([
    z
      .object({
        ref: z.string().superRefine((ref, ctx) => {
          const problem = imageReferenceProblem(ref);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
      })
      .strict(),
  ]),
  'containers.stats': z.tuple([
    z
      .object({
        ids: z
          .array(z.string().regex(/^[0-9a-f]{12,64}$/, 'not a container id'))
          .max(MAX_STATS_IDS),
      })
      .strict(),
  ]),
};

/** A handler per call; a service implements these, and the dispatcher runs them. */
export type CallHandlers = {
  [K in CallChannel]: (...args: CallArgs<K>) => Promise<CallResult<K>> | CallResult<K>;
};

export function isCallChannel(name: string): name is CallChannel {
  return Object.hasOwn(callArgs, name);
}

export function isStreamChannel(name: string): name is StreamChannel {
  return Object.hasOwn(streamArgs, name);
}
