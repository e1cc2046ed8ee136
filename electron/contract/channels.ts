// The one contract between Node and the renderer. Adding a feature means one
// entry here and one handler in a service; the transports never change.
//
// - Calls: request -> response. `args` is validated at the boundary with the
//   schema in `callArgs`; results come from our own services and are trusted.
// - Events: pushed from Node to every connected renderer.
// - Streams: bytes from Node, paused above a watermark until the renderer acks.
import { z } from 'zod';
import type { ContainersDelta, ContainersSnapshot } from './container-types.ts';
import type { EngineCandidate, EngineStatus } from './engine-types.ts';

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
}

export interface Events {
  'engine.status': EngineStatus;
  'engine.candidates': EngineCandidate[];
  'containers.delta': ContainersDelta;
}

export interface Streams {
  /** The managed engine's log: the last `tail` lines, then new ones as they come. */
  'engine.log': { args: [query: { tail: number }] };
}

export type CallChannel = keyof Calls;
export type EventChannel = keyof Events;
export type StreamChannel = keyof Streams;
export type CallArgs<K extends CallChannel> = Calls[K]['args'];
export type CallResult<K extends CallChannel> = Calls[K]['result'];
export type StreamArgs<K extends StreamChannel> = Streams[K]['args'];

const noArgs = z.tuple([]);
const engineId = z.string().min(1).max(4096);

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
};

export const streamArgs: { [K in StreamChannel]: z.ZodType<StreamArgs<K>> } = {
  'engine.log': z.tuple([z.object({ tail: z.number().int().min(0).max(100_000) })]),
};

export function isCallChannel(name: string): name is CallChannel {
  return Object.hasOwn(callArgs, name);
}

export function isStreamChannel(name: string): name is StreamChannel {
  return Object.hasOwn(streamArgs, name);
}
