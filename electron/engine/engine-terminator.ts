// Ends the engine process for the supervisor: SIGTERM, a grace period, then
// SIGKILL, each a named step under its own deadline, so a process that will not
// die leaves an error naming the signal it ignored. The supervisor decides when
// to end the engine and what the outcome means; this knows only how.

import { ContractError } from '../contract/errors.ts';
import type { Clock } from './clock.ts';
import type { EngineDriver, EngineStep, Unsubscribe } from './engine-driver.ts';
import { formatSeconds, runStep } from './steps.ts';

export interface EngineTerminatorOptions {
  driver: Pick<EngineDriver, 'isRunning' | 'kill' | 'onExit'>;
  clock: Clock;
  /** Time between SIGTERM and SIGKILL unless terminate() is given another. */
  graceMs: number;
  /** Time to wait for the process to vanish after SIGKILL. */
  killWaitMs: number;
  /** A signal step begins; the supervisor shows it as its current step. */
  onStep: (name: string) => void;
  /** A line for the supervisor's history. */
  record: (message: string) => void;
}

export class EngineTerminator {
  readonly #o: EngineTerminatorOptions;
  readonly #exitWaiters = new Set<() => void>();
  readonly #unsubscribe: Unsubscribe;
  #ending = false;

  constructor(options: EngineTerminatorOptions) {
    this.#o = options;
    this.#unsubscribe = options.driver.onExit(() => {
      for (const wake of [...this.#exitWaiters]) wake();
    });
  }

  /**
   * True while terminate() runs. An exit seen now was asked for, so the
   * supervisor must not count it as a crash or a failed step.
   */
  get ending(): boolean {
    return this.#ending;
  }

  /** SIGTERM, wait; then SIGKILL, wait. Throws if the process survives both. */
  async terminate(signal: AbortSignal, graceMs = this.#o.graceMs): Promise<void> {
    if (!this.#o.driver.isRunning()) return;
    this.#ending = true;
    try {
      await this.#signalUntilGone(signal, graceMs);
    } finally {
      this.#ending = false;
    }
  }

  /** Stops listening for exits; a terminate() in flight then waits out its deadlines. */
  dispose(): void {
    this.#unsubscribe();
  }

  async #signalUntilGone(signal: AbortSignal, graceMs: number): Promise<void> {
    const { driver, clock } = this.#o;
    const term: EngineStep = {
      name: 'stop engine (SIGTERM)',
      timeoutMs: graceMs,
      run: (stepSignal) => {
        driver.kill('SIGTERM');
        return this.#waitForExit(stepSignal);
      },
    };
    this.#o.onStep(term.name);
    try {
      await runStep(term, clock, signal);
      return;
    } catch (error) {
      if (!(error instanceof ContractError) || error.envelope.kind !== 'timeout') throw error;
      this.#o.record(`Engine did not exit within ${formatSeconds(graceMs)} of SIGTERM; killing it`);
    }
    const kill: EngineStep = {
      name: 'kill engine (SIGKILL)',
      timeoutMs: this.#o.killWaitMs,
      run: (stepSignal) => {
        driver.kill('SIGKILL');
        return this.#waitForExit(stepSignal);
      },
    };
    this.#o.onStep(kill.name);
    await runStep(kill, clock, signal);
  }

  #waitForExit(signal: AbortSignal): Promise<void> {
    if (!this.#o.driver.isRunning()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = (): void => {
        this.#exitWaiters.delete(wake);
        signal.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = (): void => {
        this.#exitWaiters.delete(wake);
        reject(signal.reason);
      };
      this.#exitWaiters.add(wake);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}
