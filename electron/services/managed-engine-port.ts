// What the engine manager needs from a managed engine (a private dockerd on
// Linux; Berth's Linux VM on macOS and Windows, and on Linux with --engine vm). The supervisor in
// electron/engine provides it; unit tests give a fake.
import type { Readable } from 'node:stream';
import type { EngineHistoryEntry, EngineState } from '../contract/engine-types.ts';
import type { EngineEndpoint } from '../engine/endpoint.ts';
import type { VmResources, VmStatus } from '../contract/vm-channels.ts';
import type { ResetOutcome } from './managed-engine-reset.ts';

export interface ManagedStatus {
  state: EngineState;
  step?: string;
  error?: { message: string; step?: string; hint?: string };
  history: EngineHistoryEntry[];
  lastLogLines: string[];
}

export interface ManagedEngine {
  /** Which embedded engine this is: a private dockerd on this machine, or one in Berth's Linux VM. */
  readonly kind: 'native' | 'vm';
  /** `unix:///…/docker.sock` natively; the VM's `tcp://127.0.0.1:PORT` with its client certificates. */
  readonly endpoint: EngineEndpoint;
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
  /** Present when the engine runs in Berth's Linux VM. */
  readonly vm?: ManagedVm;
  /** The app quits: stop the engine cleanly. */
  dispose(): Promise<void>;
}

/** What only the VM has: its own status, resources to set, and a serial console. */
export interface ManagedVm {
  status(): VmStatus;
  /** Saved for the next start; the status then says a restart is required. */
  setResources(resources: VmResources): Promise<VmStatus>;
  /** The last `tail` lines of the serial console, then new lines as they come. */
  openConsole(tail: number): Readable;
  /**
   * A QEMU human monitor command to the running VM (`hostfwd_add tcp:127.0.0.1:8080-:8080`);
   * rejects with the monitor's words, or when the VM does not run.
   */
  monitor(command: string): Promise<string>;
}
