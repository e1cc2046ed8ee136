// The engine supervisor: one state machine that starts, watches, restarts and
// stops an engine through an EngineDriver. `#state` is the only state field and
// `transitions` below lists every change it may make; anything else is a bug.
// Watching covers both ways an engine goes away: its process exits, or it stays
// alive but stops answering (see health-watch.ts).
// The UI's "Engine: …" indicator shows the status this class emits and nothing else.
// Helpers that decide nothing about the state live beside it: ending the process
// (engine-terminator.ts), counting failures (restart-budget.ts), the promises
// start() and stop() return (state-waiters.ts) and the status (status-board.ts).

import type { EngineState } from '../contract/engine-types.ts';
import { ContractError, type ErrorEnvelope } from '../contract/errors.ts';
import {
  defaultBackoff,
  defaultCrashBudget,
  type BackoffPolicy,
  type CrashBudget,
} from './backoff.ts';
import { sleep, systemClock, type Clock } from './clock.ts';
import {
  describeExit,
  type EngineDriver,
  type EngineExit,
  type EngineStep,
  type Unsubscribe,
} from './engine-driver.ts';
import { EngineTerminator } from './engine-terminator.ts';
import { defaultHealthPolicy, HealthWatch, type HealthPolicy } from './health-watch.ts';
import { RestartBudget } from './restart-budget.ts';
import { cancelledByStop, StateWaiters } from './state-waiters.ts';
import { StatusBoard, type SupervisorStatus } from './status-board.ts';
import { formatSeconds, runStep, stepError } from './steps.ts';

export type { SupervisorStatus } from './status-board.ts';

export type SupervisorEvent =
  /** The user asked for the engine. */
  | 'start'
  /** Every start step finished: the engine answers. */
  | 'ready'
  /** A start the user asked for failed; no automatic retry. */
  | 'fail'
  /** The running engine died on its own. */
  | 'crash'
  /** The running engine is alive but missed too many pings in a row: end it and start again. */
  | 'unresponsive'
  /** An automatic restart failed; try again after a longer pause. */
  | 'retry'
  /** Too many crashes within the window: stop restarting. */
  | 'give-up'
  | 'stop'
  | 'stopped'
  /** The engine process would not die even after SIGKILL. */
  | 'stop-failed';

/** Every state change the supervisor can make. */
export const transitions = {
  stopped: { start: 'starting' },
  starting: {
    ready: 'running',
    fail: 'error',
    retry: 'starting',
    'give-up': 'error',
    stop: 'stopping',
  },
  running: { crash: 'starting', unresponsive: 'starting', 'give-up': 'error', stop: 'stopping' },
  stopping: { stopped: 'stopped', 'stop-failed': 'error' },
  // The engine is never left running in `error`, but stop still passes through
  // `stopping` so a process that refused to die gets another SIGKILL.
  error: { start: 'starting', stop: 'stopping' },
} as const satisfies Record<EngineState, Partial<Record<SupervisorEvent, EngineState>>>;

export function nextState(from: EngineState, event: SupervisorEvent): EngineState | undefined {
  const row: Partial<Record<SupervisorEvent, EngineState>> = transitions[from];
  return row[event];
}

export interface SupervisorOptions {
  driver: EngineDriver;
  clock?: Clock;
  backoff?: BackoffPolicy;
  crashBudget?: CrashBudget;
  /** Time between SIGTERM and SIGKILL. dockerd itself waits up to 15 s for containers. */
  stopGraceMs?: number;
  /** Time to wait for the process to vanish after SIGKILL. */
  killWaitMs?: number;
  /** How the running engine is pinged, and when its silence means a restart. */
  health?: HealthPolicy;
  historyLimit?: number;
  logLineLimit?: number;
  /** Status updates caused by log lines are coalesced over this long. */
  logEmitDelayMs?: number;
  logger?: Pick<Console, 'error'>;
  /** Told of every transition, for logs and tests. */
  onTransition?: (change: { from: EngineState; event: SupervisorEvent; to: EngineState }) => void;
}

/** Why a start sequence runs: the user asked, a failure is retried, or a hung engine is replaced. */
type Launch =
  | { reason: 'user' }
  | { reason: 'restart'; delayMs: number }
  | { reason: 'unresponsive'; what: string };

export class EngineSupervisor {
  #state: EngineState = 'stopped';
  #step: string | undefined;
  /** The whole envelope of the last failure; the status shows part of it. */
  #failure: ErrorEnvelope | undefined;
  readonly #board: StatusBoard;

  readonly #driver: EngineDriver;
  readonly #clock: Clock;
  readonly #restarts: RestartBudget;
  readonly #terminator: EngineTerminator;
  readonly #health: HealthWatch;
  readonly #healthPolicy: HealthPolicy;
  readonly #logger: Pick<Console, 'error'>;
  readonly #onTransition: SupervisorOptions['onTransition'];

  readonly #waiters = new StateWaiters();
  readonly #unsubscribe: Unsubscribe[];
  /** The start sequence in flight (steps, or the pause before a restart). */
  #run: AbortController | null = null;
  #runDone: Promise<void> = Promise.resolve();
  #startedAt = 0;
  #disposed = false;

  constructor(options: SupervisorOptions) {
    this.#driver = options.driver;
    this.#clock = options.clock ?? systemClock;
    this.#restarts = new RestartBudget(
      options.backoff ?? defaultBackoff,
      options.crashBudget ?? defaultCrashBudget,
    );
    this.#logger = options.logger ?? console;
    this.#board = new StatusBoard({
      clock: this.#clock,
      headline: () => ({ state: this.#state, step: this.#step, failure: this.#failure }),
      historyLimit: options.historyLimit ?? 100,
      logLineLimit: options.logLineLimit ?? 50,
      logEmitDelayMs: options.logEmitDelayMs ?? 50,
      logger: this.#logger,
    });
    this.#onTransition = options.onTransition;
    this.#healthPolicy = options.health ?? defaultHealthPolicy;
    this.#health = new HealthWatch({
      clock: this.#clock,
      policy: this.#healthPolicy,
      ping: (opts) => this.#driver.ping(opts),
      onUnresponsive: (missed, reason) => this.#onUnresponsive(missed, reason),
      onRecovered: (missed) => {
        this.#record(
          `The engine answered again after ${missed} missed ping${missed > 1 ? 's' : ''}`,
        );
        this.#emit();
      },
      logger: this.#logger,
    });
    this.#terminator = new EngineTerminator({
      driver: this.#driver,
      clock: this.#clock,
      graceMs: options.stopGraceMs ?? 20_000,
      killWaitMs: options.killWaitMs ?? 5_000,
      onStep: (name) => this.#setStep(name),
      record: (message) => this.#record(message),
    });
    this.#unsubscribe = [
      this.#driver.onExit((exit) => this.#onExit(exit)),
      this.#driver.onLogLine((line) => this.#board.addLogLine(line)),
    ];
  }

  get state(): EngineState {
    return this.#state;
  }

  status(): SupervisorStatus {
    return this.#board.snapshot();
  }

  /** Called with a fresh status on every change; returns an unsubscribe function. */
  onStatus(listener: (status: SupervisorStatus) => void): Unsubscribe {
    return this.#board.onStatus(listener);
  }

  /** Every engine log line, for the UI's "Engine log". */
  onLogLine(listener: (line: string) => void): Unsubscribe {
    return this.#board.onLogLine(listener);
  }

  /** Resolves once the engine runs; rejects with a ContractError naming the failed step. */
  start(): Promise<void> {
    switch (this.#state) {
      case 'running':
        return Promise.resolve();
      case 'starting':
        return this.#waiters.waitFor('running');
      case 'stopping':
        // Whether the stop succeeds or ends in error, start from where it left off.
        return this.#waiters.waitFor('stopped').then(
          () => this.start(),
          () => this.start(),
        );
      case 'stopped':
      case 'error': {
        const done = this.#waiters.waitFor('running');
        this.#restarts.reset();
        this.#failure = undefined;
        this.#transition('start', 'Starting the engine');
        this.#launch({ reason: 'user' });
        return done;
      }
    }
  }

  /** SIGTERM, then SIGKILL after the grace period. Data stays. */
  stop(): Promise<void> {
    if (this.#state === 'stopped') return Promise.resolve();
    if (this.#state === 'stopping') return this.#waiters.waitFor('stopped');
    const done = this.#waiters.waitFor('stopped');
    this.#transition('stop', 'Stopping the engine');
    this.#run?.abort(cancelledByStop());
    this.#stopSequence().catch((error: unknown) =>
      this.#logger.error('[engine supervisor] stop sequence failed unexpectedly', error),
    );
    return done;
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /**
   * Stops watching the engine and leaves the process as it is. On quit the app
   * calls stop() first (see managed-engine-adapter.ts), so the engine ends with
   * the app; only an app that is killed, or a stop that failed, leaves a dockerd
   * running, and the next session adopts it.
   */
  dispose(): void {
    this.#disposed = true;
    this.#health.stop();
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
    this.#terminator.dispose();
    this.#run?.abort(cancelledByStop());
    this.#board.close();
    this.#driver.dispose();
  }

  // ---- transitions -------------------------------------------------------

  #transition(event: SupervisorEvent, message: string): void {
    const to = nextState(this.#state, event);
    if (to === undefined) {
      throw new ContractError({
        kind: 'internal',
        message: `Engine supervisor bug: no transition from "${this.#state}" on "${event}".`,
      });
    }
    const from = this.#state;
    this.#state = to;
    // Pings run exactly while the engine is `running`; every way out of it ends them.
    if (to === 'running') this.#health.start();
    else this.#health.stop();
    this.#onTransition?.({ from, event, to });
    if (to !== 'starting' && to !== 'stopping') this.#step = undefined;
    this.#record(message);
    this.#waiters.settle(to, () => this.#currentError());
    this.#emit();
  }

  #fail(event: 'fail' | 'give-up' | 'stop-failed', error: ErrorEnvelope, message: string): void {
    this.#failure = { ...error };
    this.#transition(event, message);
  }

  #currentError(): ContractError {
    return new ContractError(this.#failure ?? { kind: 'internal', message: 'The engine failed.' });
  }

  // ---- starting ----------------------------------------------------------

  #launch(launch: Launch): void {
    const controller = new AbortController();
    this.#run = controller;
    this.#runDone = this.#startSequence(controller.signal, launch).catch((error: unknown) =>
      this.#logger.error('[engine supervisor] start sequence failed unexpectedly', error),
    );
  }

  async #startSequence(signal: AbortSignal, launch: Launch): Promise<void> {
    try {
      let delayMs = launch.reason === 'restart' ? launch.delayMs : 0;
      if (launch.reason === 'unresponsive') {
        // It will not answer a stop request, and a stopped process never acts
        // on SIGTERM: a short grace, then SIGKILL, before anything new starts.
        await this.#terminator.terminate(signal, this.#healthPolicy.graceMs);
        const next = this.#countFailure(launch.what, undefined);
        if (!next) return;
        this.#record(`The unresponsive engine is gone; ${next.note}`);
        delayMs = next.delayMs;
      }
      if (delayMs > 0) {
        this.#setStep('wait before restart');
        await sleep(this.#clock, delayMs, signal);
      }
      this.#startedAt = this.#clock.now();
      for (const step of this.#driver.startSteps()) {
        this.#setStep(step.name);
        const note = await runStep(step, this.#clock, signal);
        if (note) this.#record(note);
      }
      const took = this.#clock.now() - this.#startedAt;
      this.#transition('ready', `Engine is running (ready in ${took} ms)`);
    } catch (cause) {
      // A stop took over (it reports its own outcome, and start() was
      // rejected), or the app is leaving the engine as it is.
      if (this.#disposed) return;
      if (this.#state !== 'starting' || this.#run?.signal !== signal) return;
      const error = stepError(this.#step ?? 'start', cause);
      this.#record(`Failed: ${error.message}`);
      await this.#killLeftovers();
      if (this.#state !== 'starting' || this.#run?.signal !== signal) return;
      if (launch.reason === 'user') {
        this.#fail('fail', error.envelope, 'Engine failed to start');
      } else {
        this.#afterFailure(`Restart failed at "${error.envelope.step}"`, error.envelope);
      }
    }
  }

  /** A half-started engine (spawned but never answering) must not linger. */
  async #killLeftovers(): Promise<void> {
    try {
      await this.#terminator.terminate(new AbortController().signal);
      await this.#driver.cleanup();
    } catch (error) {
      this.#logger.error('[engine supervisor] could not clean up after a failed start', error);
      this.#record(`Could not clean up after the failed start: ${String(error)}`);
    }
  }

  /** A dead engine or a failed restart: count it, then restart after a pause or give up. */
  #afterFailure(what: string, cause: ErrorEnvelope | undefined): void {
    const next = this.#countFailure(what, cause);
    if (!next) return;
    const event = this.#state === 'running' ? 'crash' : 'retry';
    this.#transition(event, `${what}; ${next.note}`);
    this.#launch({ reason: 'restart', delayMs: next.delayMs });
  }

  /**
   * Counts a failure: the pause before the next try, or undefined once the
   * budget is spent (the supervisor is then in `error`).
   */
  #countFailure(
    what: string,
    cause: ErrorEnvelope | undefined,
  ): { delayMs: number; note: string } | undefined {
    const lastWords = this.#board.lastWords();
    const next = this.#restarts.next(this.#clock.now(), { what, cause, lastWords });
    if (next.giveUp) {
      this.#fail('give-up', next.error, `${what}; ${next.note}`);
      return undefined;
    }
    return next;
  }

  // ---- watching ----------------------------------------------------------

  #onUnresponsive(missed: number, lastReason: string): void {
    if (this.#state !== 'running' || this.#disposed) return;
    const what =
      `The engine stopped answering: ${missed} pings missed in a row, ` +
      `${formatSeconds(this.#healthPolicy.intervalMs)} apart (last: ${lastReason})`;
    this.#transition('unresponsive', `${what}; ending it to start it again`);
    this.#launch({ reason: 'unresponsive', what });
  }

  #onExit(exit: EngineExit): void {
    const how = `Engine process ${exit.pid} ended (${describeExit(exit)})`;
    if (this.#terminator.ending && this.#state === 'starting') {
      // Ended by the supervisor (a hung engine, or what a failed start left).
      // `ending` still holds here, whichever exit listener ran first: the
      // terminator only resumes (and clears it) after this listener returns.
      this.#record(how);
      this.#emit();
      return;
    }
    switch (this.#state) {
      case 'running':
        // No cleanup here: the restart's own first steps deal with what the
        // dead process left, and a cleanup racing them could hit the new one.
        this.#afterFailure(`${how} unexpectedly`, undefined);
        return;
      case 'starting': {
        // The current step (spawn, ping) can only fail now: fail it at once
        // with the engine's last words rather than waiting for its timeout.
        const said = this.#board.lastWords();
        const envelope: ErrorEnvelope = {
          kind: 'unreachable',
          message: `${how} during "${this.#step ?? 'start'}".` + (said ? ` It said: ${said}` : ''),
          hint: 'Read the engine log for the reason.',
        };
        if (said) envelope.engineMessage = said;
        this.#run?.abort(new ContractError(envelope));
        return;
      }
      case 'stopping':
        return;
      case 'stopped':
      case 'error':
        this.#record(how);
        this.#emit();
    }
  }

  // ---- stopping ----------------------------------------------------------

  async #stopSequence(): Promise<void> {
    // Let an aborted start unwind first, so a spawn in flight cannot race the signals.
    await this.#runDone;
    this.#run = null;
    try {
      await this.#terminator.terminate(new AbortController().signal);
      const cleanup: EngineStep = {
        name: 'clean up',
        timeoutMs: 10_000,
        run: () => this.#driver.cleanup(),
      };
      this.#setStep(cleanup.name);
      await runStep(cleanup, this.#clock, new AbortController().signal);
      this.#restarts.reset();
      this.#failure = undefined;
      this.#transition('stopped', 'Engine stopped');
    } catch (cause) {
      const error = stepError(this.#step ?? 'stop', cause);
      this.#fail('stop-failed', error.envelope, `Engine did not stop: ${error.message}`);
    }
  }

  // ---- status ------------------------------------------------------------

  #setStep(name: string): void {
    this.#step = name;
    this.#record(`${name}…`);
    this.#emit();
  }

  #record(message: string): void {
    this.#board.record(message);
  }

  #emit(): void {
    this.#board.emit();
  }
}
