// What every engine Berth runs itself shares, native dockerd or VM: a status
// that folds a reset's steps into the supervisor's, the engine log followed
// for the Engine page, and the whole log for a download.
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { EngineHistoryEntry } from '../contract/engine-types.ts';
import { ContractError } from '../contract/errors.ts';
import { readLastLines } from '../engine/log-tail.ts';
import type { EngineSupervisor } from '../engine/supervisor.ts';
import type { ManagedStatus } from './managed-engine-port.ts';

/** The supervisor's status with a reset's steps and history lines added while one runs. */
export class SupervisedStatus {
  readonly #supervisor: EngineSupervisor;
  readonly #listeners = new Set<(status: ManagedStatus) => void>();
  readonly #resetHistory: EngineHistoryEntry[] = [];
  #resetStep: string | null = null;
  #resetting: Promise<unknown> | null = null;

  constructor(supervisor: EngineSupervisor) {
    this.#supervisor = supervisor;
    supervisor.onStatus(() => this.tell());
  }

  status(): ManagedStatus {
    const s = this.#supervisor.status();
    if (this.#resetHistory.length === 0) return s;
    const history = [...s.history, ...this.#resetHistory].sort((a, b) => a.at - b.at).slice(-200);
    const step = this.#resetStep
      ? `reset: ${this.#resetStep}${s.step ? ` · ${s.step}` : ''}`
      : s.step;
    return { ...s, history, ...(step ? { step } : {}) };
  }

  onStatus(listener: (status: ManagedStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  tell(): void {
    const now = this.status();
    for (const listener of this.#listeners) listener(now);
  }

  /** A reset step begins (null: the reset is over); its message joins the history. */
  resetStep(step: string | null, message: string): void {
    this.#resetStep = step;
    this.#resetHistory.push({
      at: Date.now(),
      state: this.#supervisor.status().state,
      ...(step ? { step: `reset: ${step}` } : {}),
      message,
    });
    if (this.#resetHistory.length > 50) this.#resetHistory.shift();
    this.tell();
  }

  /** Runs one reset at a time; a second one while the first runs is refused. */
  reset<T>(run: () => Promise<T>): Promise<T> {
    if (this.#resetting) {
      throw new ContractError({
        kind: 'conflict',
        message: 'The engine is being reset already.',
        hint: 'Wait for it to start again.',
      });
    }
    const running = run();
    this.#resetting = running;
    return running.finally(() => (this.#resetting = null));
  }
}

export async function readWholeLog(file: string, what = 'The managed engine'): Promise<Readable> {
  try {
    // Opened first, so a missing file is an answer rather than an error mid-download.
    return (await open(file)).createReadStream();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    throw new ContractError({
      kind: 'not-found',
      message: `${what} has not written a log yet.`,
      hint: 'Start it on the Engine page first.',
    });
  }
}

/** Caps what a slow reader can pile up; the UI keeps only the last few hundred lines anyway. */
const MAX_BUFFERED_LOG_BYTES = 1 << 20;

/** The last `tail` lines of `file`, then each new line `subscribe` hands out. */
export function followLog(
  file: string,
  tail: number,
  subscribe: (listener: (line: string) => void) => () => void,
): Readable {
  const early: string[] = [];
  let ready = false;
  const stream = new Readable({ read() {} });
  const push = (line: string) => {
    if (stream.readableLength < MAX_BUFFERED_LOG_BYTES) stream.push(`${line}\n`);
  };
  const unsubscribe = subscribe((line) => (ready ? push(line) : early.push(line)));
  stream.once('close', unsubscribe);
  readLastLines(file, tail)
    .then((lines) => {
      // Lines that arrived while the file was read may also be in the file's tail.
      const seen = new Set(lines.slice(-early.length));
      for (const line of lines) push(line.replace(/\r$/, ''));
      for (const line of early) if (!seen.has(line)) push(line);
      ready = true;
    })
    .catch((err: unknown) => stream.destroy(err as Error));
  return stream;
}
