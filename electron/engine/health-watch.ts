// Pings a running engine on the supervisor's clock. An engine can hang without
// exiting (a deadlock, a stopped process), and then only its silence tells: a
// run of missed pings, each under its own deadline, is reported once, and an
// answer in between wipes the count, so a slow spell on a busy machine is not
// mistaken for a hang.

import { sleep, type Clock } from './clock.ts';
import type { EnginePing } from './engine-driver.ts';
import { formatSeconds } from './steps.ts';

export interface HealthPolicy {
  /** Pause between the end of one ping and the start of the next. */
  intervalMs: number;
  /** A ping unanswered for this long counts as missed. */
  timeoutMs: number;
  /** This many misses in a row mean the engine no longer answers. */
  missesAllowed: number;
  /** Time between SIGTERM and SIGKILL when ending an engine that stopped answering. */
  graceMs: number;
}

/** About 30 s from the last answer to a restart; three misses so one slow spell is forgiven. */
export const defaultHealthPolicy: HealthPolicy = {
  intervalMs: 5_000,
  timeoutMs: 5_000,
  missesAllowed: 3,
  graceMs: 5_000,
};

interface HealthWatchOptions {
  clock: Clock;
  policy: HealthPolicy;
  ping: (opts: { timeoutMs: number; signal: AbortSignal }) => Promise<EnginePing>;
  /** The engine missed `missed` pings in a row; the watch has stopped. */
  onUnresponsive: (missed: number, lastReason: string) => void;
  /** The engine answered after `missed` misses in a row. */
  onRecovered: (missed: number) => void;
  logger: Pick<Console, 'error'>;
}

export class HealthWatch {
  readonly #opts: HealthWatchOptions;
  #watch: AbortController | null = null;

  constructor(opts: HealthWatchOptions) {
    this.#opts = opts;
  }

  get watching(): boolean {
    return this.#watch !== null;
  }

  /** Starts pinging (again, from a count of zero). */
  start(): void {
    this.stop();
    const watch = new AbortController();
    this.#watch = watch;
    this.#loop(watch.signal).catch((error: unknown) => {
      if (watch.signal.aborted) return;
      this.#opts.logger.error('[engine health] the ping loop failed unexpectedly', error);
    });
  }

  /** Stops pinging; a ping in flight is abandoned and its answer ignored. */
  stop(): void {
    this.#watch?.abort(new Error('health watch stopped'));
    this.#watch = null;
  }

  async #loop(signal: AbortSignal): Promise<void> {
    const { clock, policy } = this.#opts;
    let missed = 0;
    for (;;) {
      await sleep(clock, policy.intervalMs, signal);
      const result = await this.#pingOnce(signal);
      if (signal.aborted) return;
      if (result.ok) {
        if (missed > 0) this.#opts.onRecovered(missed);
        missed = 0;
        continue;
      }
      missed += 1;
      if (missed >= policy.missesAllowed) {
        this.#watch = null;
        this.#opts.onUnresponsive(missed, result.reason);
        return;
      }
    }
  }

  /** One ping under the deadline, kept on the clock even if the ping ignores its signal. */
  #pingOnce(parent: AbortSignal): Promise<EnginePing> {
    const { clock, policy } = this.#opts;
    const controller = new AbortController();
    const onParentAbort = (): void => controller.abort(parent.reason);
    if (parent.aborted) onParentAbort();
    else parent.addEventListener('abort', onParentAbort, { once: true });
    return new Promise<EnginePing>((resolve) => {
      let settled = false;
      const finish = (result: EnginePing): void => {
        if (settled) return;
        settled = true;
        clock.clearTimeout(timer);
        parent.removeEventListener('abort', onParentAbort);
        resolve(result);
      };
      const timer = clock.setTimeout(() => {
        const reason = `no answer within ${formatSeconds(policy.timeoutMs)}`;
        controller.abort(new Error(reason));
        finish({ ok: false, reason });
      }, policy.timeoutMs);
      this.#opts.ping({ timeoutMs: policy.timeoutMs, signal: controller.signal }).then(
        (result) => finish(result),
        (error: unknown) =>
          finish({ ok: false, reason: error instanceof Error ? error.message : String(error) }),
      );
    });
  }
}
