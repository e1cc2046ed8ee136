// What the engine manager needs from a managed engine (a private dockerd on
// Linux; a VM on macOS and Windows is still to come). The supervisor in
// electron/engine provides it; unit tests give a fake.
import type { Readable } from 'node:stream';
import type { EngineHistoryEntry, EngineState } from '../contract/engine-types.ts';
import type { ResetOutcome } from './managed-engine-reset.ts';

export interface ManagedStatus {
  state: EngineState;
  step?: string;
  error?: { message: string; step?: string; hint?: string };
  history: EngineHistoryEntry[];
  lastLogLines: string[];
}

export interface ManagedEngine {
  /** `unix:///…/docker.sock` */
  readonly endpoint: string;
  /** How the user's own CLI reaches it. */
  readonly cliHint: { context: string; dockerHost: string };
  status(): ManagedStatus;
  onStatus(listener: (status: ManagedStatus) => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  restart(): Promise<void>;
  /**
   * Stops it, deletes its data and every host bridge it made, and starts it
   * again; each step shows in the status (`step`, history) as it runs.
   */
  reset(): Promise<ResetOutcome>;
  /** The last `tail` lines of its log, then new lines as they come. */
  openLog(tail: number): Readable;
  /** The whole log as it is now, for a download; rejects when there is none yet. */
  readLog(): Promise<Readable>;
  /** The app quits: stop the engine cleanly. */
  dispose(): Promise<void>;
}
