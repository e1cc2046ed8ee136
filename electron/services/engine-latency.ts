// The round trip to one connected engine, for the switcher and the Engine
// page: a `/_ping` soon after connecting, then every LATENCY_INTERVAL_MS while
// the connection lives, on the calls client's kept-alive connection, so it
// measures the link and the engine rather than a new connection's setup (for
// ssh://, a `docker system dial-stdio` started on the host).
// Only connected engines are pinged: one nobody is connected to would need a
// link opened just to be measured (an SSH login for a remote one). Every 15 s
// because a link's latency changes slowly and the user glances at it now and
// then, while each ping is a request the engine answers.
import { performance } from 'node:perf_hooks';
import { systemClock, type Clock, type TimerHandle } from '../engine/clock.ts';

export const LATENCY_INTERVAL_MS = 15_000;
/** A ping slower than this counts as no answer: the link is down or the engine hung. */
const PING_DEADLINE_MS = 5_000;
/** The first ping waits for the connection's own first requests (events, lists, info), rather than compete with them. */
export const FIRST_PING_MS = 2_000;

export type Ping = () => Promise<{ ok: boolean }>;

export class EngineLatency {
  readonly #ping: Ping;
  readonly #onChange: (latencyMs: number | undefined) => void;
  readonly #clock: Clock;
  #timer: TimerHandle | undefined;
  #latencyMs: number | undefined;
  #running = false;

  constructor(opts: { ping: Ping; onChange(latencyMs: number | undefined): void; clock?: Clock }) {
    this.#ping = opts.ping;
    this.#onChange = opts.onChange;
    this.#clock = opts.clock ?? systemClock;
  }

  /** Pings through `client` (dockerode), a ping without an answer in PING_DEADLINE_MS counting as none. */
  static forClient(
    client: { ping(): Promise<unknown> },
    onChange: (ms: number | undefined) => void,
  ): EngineLatency {
    const ping = () =>
      new Promise<{ ok: boolean }>((resolve) => {
        const timer = setTimeout(() => resolve({ ok: false }), PING_DEADLINE_MS);
        const answer = (ok: boolean) => {
          clearTimeout(timer);
          resolve({ ok });
        };
        client.ping().then(
          () => answer(true),
          () => answer(false),
        );
      });
    return new EngineLatency({ ping, onChange });
  }

  /** The last round trip in ms; undefined before the first answer and after a failed ping. */
  get latencyMs(): number | undefined {
    return this.#latencyMs;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#timer = this.#clock.setTimeout(() => void this.#measure(), FIRST_PING_MS);
  }

  stop(): void {
    this.#running = false;
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #measure(): Promise<void> {
    const started = performance.now();
    const answer = await this.#ping().catch(() => ({ ok: false }));
    if (!this.#running) return;
    const latency = answer.ok ? Math.max(1, Math.round(performance.now() - started)) : undefined;
    if (worthSaying(this.#latencyMs, latency)) {
      this.#latencyMs = latency;
      this.#onChange(latency);
    }
    this.#timer = this.#clock.setTimeout(() => void this.#measure(), LATENCY_INTERVAL_MS);
  }
}

/**
 * A new figure is announced (every window gets the engine list again) only
 * when it says something new: the link came or went, or the round trip moved
 * by more than a tenth (and 2 ms), not for each millisecond of jitter.
 */
export function worthSaying(last: number | undefined, next: number | undefined): boolean {
  if (last === undefined || next === undefined) return last !== next;
  const moved = Math.abs(next - last);
  return moved > 2 && moved > last / 10;
}
