// What the supervisor shows: a bounded history of state changes and steps
// (so a crash and restart within 200 ms still shows), the last log lines, and
// the listeners that get a fresh status on every change. The supervisor owns
// the state; this only records and tells.

import type { EngineHistoryEntry, EngineState, EngineStatus } from '../contract/engine-types.ts';
import type { ErrorEnvelope } from '../contract/errors.ts';
import type { Clock, TimerHandle } from './clock.ts';
import type { Unsubscribe } from './engine-driver.ts';
import { Listeners } from './listeners.ts';

/** The part of the contract's EngineStatus the supervisor owns. */
export type SupervisorStatus = Pick<
  EngineStatus,
  'state' | 'step' | 'error' | 'history' | 'lastLogLines'
>;

interface Headline {
  state: EngineState;
  step: string | undefined;
  failure: ErrorEnvelope | undefined;
}

interface StatusBoardOptions {
  clock: Clock;
  /** Reads the supervisor's current state, step and failure. */
  headline: () => Headline;
  historyLimit: number;
  logLineLimit: number;
  /**
   * Log lines arrive in bursts (hundreds while dockerd starts), so the status
   * updates they cause are coalesced over this long; state changes go at once.
   */
  logEmitDelayMs: number;
  logger: Pick<Console, 'error'>;
}

export class StatusBoard {
  readonly #o: StatusBoardOptions;
  readonly #history: EngineHistoryEntry[] = [];
  readonly #logLines: string[] = [];
  // One broken listener must not starve the others, nor the supervisor.
  readonly #statusListeners = new Listeners<SupervisorStatus>((error) =>
    this.#o.logger.error('[engine supervisor] status listener failed', error),
  );
  readonly #logListeners = new Listeners<string>((error) =>
    this.#o.logger.error('[engine supervisor] log listener failed', error),
  );
  #logEmitTimer: TimerHandle | null = null;

  constructor(options: StatusBoardOptions) {
    this.#o = options;
  }

  /** Adds a history entry stamped with the current state and step. */
  record(message: string): void {
    const { state, step } = this.#o.headline();
    const entry: EngineHistoryEntry = { at: this.#o.clock.now(), state, message };
    if (step !== undefined) entry.step = step;
    this.#history.push(entry);
    if (this.#history.length > this.#o.historyLimit) {
      this.#history.splice(0, this.#history.length - this.#o.historyLimit);
    }
  }

  addLogLine(line: string): void {
    this.#logLines.push(line);
    if (this.#logLines.length > this.#o.logLineLimit) this.#logLines.shift();
    this.#logListeners.emit(line);
    if (this.#logEmitTimer === null) {
      this.#logEmitTimer = this.#o.clock.setTimeout(() => this.emit(), this.#o.logEmitDelayMs);
    }
  }

  /** The line most likely to say why the engine died: the last non-empty one. */
  lastWords(): string | undefined {
    for (let i = this.#logLines.length - 1; i >= 0; i--) {
      const line = this.#logLines[i]?.trim();
      if (line) return line.length > 300 ? `${line.slice(0, 300)}…` : line;
    }
    return undefined;
  }

  snapshot(): SupervisorStatus {
    const { state, step, failure } = this.#o.headline();
    const status: SupervisorStatus = {
      state,
      history: this.#history.map((entry) => ({ ...entry })),
      lastLogLines: [...this.#logLines],
    };
    if (step !== undefined) status.step = step;
    if (failure) {
      status.error = { message: failure.message };
      if (failure.step !== undefined) status.error.step = failure.step;
      if (failure.hint !== undefined) status.error.hint = failure.hint;
    }
    return status;
  }

  emit(): void {
    if (this.#logEmitTimer !== null) {
      this.#o.clock.clearTimeout(this.#logEmitTimer);
      this.#logEmitTimer = null;
    }
    this.#statusListeners.emit(this.snapshot());
  }

  onStatus(listener: (status: SupervisorStatus) => void): Unsubscribe {
    return this.#statusListeners.add(listener);
  }

  onLogLine(listener: (line: string) => void): Unsubscribe {
    return this.#logListeners.add(listener);
  }

  close(): void {
    if (this.#logEmitTimer !== null) this.#o.clock.clearTimeout(this.#logEmitTimer);
    this.#logEmitTimer = null;
    this.#statusListeners.clear();
    this.#logListeners.clear();
  }
}
