// A scripted EngineDriver for supervisor tests: steps succeed, fail or hang on
// demand, and the "engine" crashes, logs and answers signals when told.

import type {
  EngineDriver,
  EngineExit,
  EnginePing,
  EngineStep,
  Unsubscribe,
} from './engine-driver.ts';
import { Listeners } from './listeners.ts';

type StepBehaviour = 'ok' | 'fail' | 'hang' | ((signal: AbortSignal) => Promise<string | void>);

/** How the fake engine answers a ping: at once, never, with an error, or as scripted. */
export type PingBehaviour =
  | 'ok'
  | 'hang'
  | 'refuse'
  | ((opts: { timeoutMs: number; signal: AbortSignal }) => Promise<EnginePing>);

/** What the fake process does with a signal. */
type SignalReaction = 'exit' | 'ignore';

const fakeStepNames = ['prepare folders', 'spawn dockerd', 'wait for /_ping'] as const;

/** A listener's failure belongs to the test: thrown on, not logged away. */
const rethrow = (error: unknown): never => {
  throw error;
};

export class FakeDriver implements EngineDriver {
  running = false;
  pid = 1000;
  readonly signals: string[] = [];
  readonly stepRuns: string[] = [];
  cleanups = 0;
  disposed = false;
  onSigterm: SignalReaction = 'exit';
  onSigkill: SignalReaction = 'exit';
  answer: PingBehaviour = 'ok';
  /** Pings asked so far, and how many of them are waiting for an answer now. */
  pings = 0;
  pingsInFlight = 0;
  readonly #behaviour = new Map<string, StepBehaviour>();
  readonly #exitListeners = new Listeners<EngineExit>(rethrow);
  readonly #logListeners = new Listeners<string>(rethrow);

  /** Sets what a step does from now on. */
  behave(step: (typeof fakeStepNames)[number], behaviour: StepBehaviour): void {
    this.#behaviour.set(step, behaviour);
  }

  startSteps(): readonly EngineStep[] {
    return fakeStepNames.map((name) => ({
      name,
      timeoutMs: name === 'wait for /_ping' ? 5_000 : 1_000,
      run: (signal: AbortSignal) => {
        this.stepRuns.push(name);
        return this.#run(name, signal);
      },
    }));
  }

  async #run(name: string, signal: AbortSignal): Promise<string | void> {
    const behaviour = this.#behaviour.get(name) ?? 'ok';
    if (typeof behaviour === 'function') return behaviour(signal);
    if (behaviour === 'fail') throw new Error(`${name} broke`);
    if (behaviour === 'hang') {
      return new Promise<void>((_resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    }
    if (name === 'spawn dockerd') {
      this.pid += 1;
      this.running = true;
      return `spawned pid ${this.pid}`;
    }
  }

  isRunning(): boolean {
    return this.running;
  }

  async ping(opts: { timeoutMs: number; signal: AbortSignal }): Promise<EnginePing> {
    this.pings += 1;
    this.pingsInFlight += 1;
    try {
      return await this.#answer(opts);
    } finally {
      this.pingsInFlight -= 1;
    }
  }

  #answer(opts: { timeoutMs: number; signal: AbortSignal }): Promise<EnginePing> {
    const answer = this.answer;
    if (typeof answer === 'function') return answer(opts);
    if (answer === 'ok') return Promise.resolve({ ok: true });
    if (answer === 'refuse') return Promise.resolve({ ok: false, reason: 'ECONNREFUSED' });
    // Like a request to a stopped process: nothing until the caller gives up.
    return new Promise((resolve) => {
      opts.signal.addEventListener('abort', () => resolve({ ok: false, reason: 'aborted' }), {
        once: true,
      });
    });
  }

  kill(signal: 'SIGTERM' | 'SIGKILL'): void {
    this.signals.push(signal);
    const reaction = signal === 'SIGTERM' ? this.onSigterm : this.onSigkill;
    // A real process dies a little later, never inside kill().
    if (this.running && reaction === 'exit') queueMicrotask(() => this.exit({ signal }));
  }

  async cleanup(): Promise<void> {
    this.cleanups += 1;
  }

  /** The engine process ends (a crash unless a stop asked for it). */
  exit(how: { code?: number; signal?: string } = { code: 2 }): void {
    if (!this.running) return;
    this.running = false;
    const exit: EngineExit = { pid: this.pid, code: how.code ?? null, signal: how.signal ?? null };
    this.#exitListeners.emit(exit);
  }

  log(line: string): void {
    this.#logListeners.emit(line);
  }

  onExit(listener: (exit: EngineExit) => void): Unsubscribe {
    return this.#exitListeners.add(listener);
  }

  onLogLine(listener: (line: string) => void): Unsubscribe {
    return this.#logListeners.add(listener);
  }

  dispose(): void {
    this.disposed = true;
  }
}
