// The round trip to one connected engine, for the switcher and the Engine
// page: a `/_ping` at connect, then every LATENCY_INTERVAL_MS while the
// connection lives. Only connected engines are pinged: an engine nobody is
// connected to would need a link opened just to be measured (an SSH login for
// a remote one). Every 15 s because a link's latency changes slowly and the
// user looks at it now and then, while each ping costs a request on the
// engine's one connection (for ssh://, a channel on the open SSH session).
import { performance } from 'node:perf_hooks';
import { pingEndpoint, type EngineEndpoint } from '../engine/endpoint-request.ts';
import { systemClock, type Clock, type TimerHandle } from '../engine/clock.ts';

export const LATENCY_INTERVAL_MS = 15_000;
/** A ping slower than this counts as no answer: the link is down or the engine hung. */
const PING_DEADLINE_MS = 5_000;

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

  static forEndpoint(endpoint: EngineEndpoint, onChange: (ms: number | undefined) => void) {
    return new EngineLatency({
      ping: () => pingEndpoint(endpoint, { timeoutMs: PING_DEADLINE_MS }),
      onChange,
    });
  }

  /** The last round trip in ms; undefined before the first answer and after a failed ping. */
  get latencyMs(): number | undefined {
    return this.#latencyMs;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    void this.#measure();
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
