// The engine domain of the contract: which engine is shown, the managed
// engine's lifecycle, and its log.
import { z } from 'zod';
import type { EngineCandidate, EngineStatus } from './engine-types.ts';
import {
  addEngineRequest,
  hostKeyToTrust,
  type AddEngineRequest,
  type HostKeyToTrust,
} from './engine-remote.ts';
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
  /**
   * Adds a remote engine (`ssh://user@host[:port]`, `tcp://host:port` with TLS
   * client certificates, or plain TCP with `allowPlaintext`) once it answered
   * `/_ping`; kept in settings. An unknown SSH host key fails with
   * `ssh-host-unknown` and its `hostKey`, for `engine.trustHostKey`.
   */
  'engine.add': { args: [request: AddEngineRequest]; result: EngineCandidate };
  /** Forgets an engine the user added (and its certificates and Docker context). */
  'engine.remove': { args: [id: string]; result: void };
  /** Writes a host key an `ssh-host-unknown` error offered into the user's known_hosts. */
  'engine.trustHostKey': { args: [key: HostKeyToTrust]; result: { file: string } };
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
  'engine.add': z.tuple([addEngineRequest]),
  'engine.remove': z.tuple([engineId]),
  'engine.trustHostKey': z.tuple([hostKeyToTrust]),
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
