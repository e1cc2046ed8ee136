// The engine domain of the contract: which engine is shown, the managed
// engine's lifecycle, and its log.
import { z } from 'zod';
import type { EngineCandidate, EngineStatus } from './engine-types.ts';
import { engineId } from './refs.ts';

export interface EngineCalls {
  'engine.status': { args: []; result: EngineStatus };
  'engine.candidates': { args: []; result: EngineCandidate[] };
  /** Probe every candidate again (the Retry button). */
  'engine.rediscover': { args: []; result: EngineCandidate[] };
  /**
   * Show a candidate by id, as `docker context use`: calls and new streams go
   * to it, the engine shown before stays connected (its streams end). Remembered.
   */
  'engine.use': { args: [id: string]; result: void };
  /** Close the connection to an engine that is not shown (no-op when none is open). */
  'engine.disconnect': { args: [id: string]; result: void };
  'engine.start': { args: []; result: void };
  'engine.stop': { args: []; result: void };
  'engine.restart': { args: []; result: void };
  /**
   * The managed engine only: stop it, delete its data (images, containers,
   * volumes, networks) and every host bridge it made, and start it again.
   */
  'engine.reset': { args: []; result: void };
}

const noArgs = z.tuple([]);

export const engineCallArgs: { [K in keyof EngineCalls]: z.ZodType<EngineCalls[K]['args']> } = {
  'engine.status': noArgs,
  'engine.candidates': noArgs,
  'engine.rediscover': noArgs,
  'engine.use': z.tuple([engineId]),
  'engine.disconnect': z.tuple([engineId]),
  'engine.start': noArgs,
  'engine.stop': noArgs,
  'engine.restart': noArgs,
  'engine.reset': noArgs,
};

export interface EngineEvents {
  'engine.status': EngineStatus;
  'engine.candidates': EngineCandidate[];
}

export interface EngineStreams {
  /** The managed engine's log: the last `tail` lines, then new ones as they come. */
  'engine.log': { args: [query: { tail: number }] };
}

export const engineStreamArgs: {
  [K in keyof EngineStreams]: z.ZodType<EngineStreams[K]['args']>;
} = {
  'engine.log': z.tuple([z.object({ tail: z.number().int().min(0).max(100_000) }).strict()]),
};
