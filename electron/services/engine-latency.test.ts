import { describe, expect, it } from 'vitest';
import type { Clock } from '../engine/clock.ts';
import {
  EngineLatency,
  FIRST_PING_MS,
  LATENCY_INTERVAL_MS,
  worthSaying,
} from './engine-latency.ts';

function fakeClock() {
  let now = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  let next = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(next, { at: now + ms, fn });
      return next++;
    },
    clearTimeout: (h) => void timers.delete(h as number),
  };
  const advance = async (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id);
        t.fn();
      }
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { clock, advance, pending: () => timers.size };
}

describe('the latency of a connected engine', () => {
  it('pings soon after connecting, then every interval, and stops pinging once stopped', async () => {
    const { clock, advance, pending } = fakeClock();
    let pings = 0;
    const seen: Array<number | undefined> = [];
    const latency = new EngineLatency({
      ping: async () => {
        pings++;
        return { ok: pings !== 2 };
      },
      onChange: (ms) => seen.push(ms),
      clock,
    });
    latency.start();
    await advance(FIRST_PING_MS - 1);
    expect(pings).toBe(0);
    await advance(1);
    expect(pings).toBe(1);
    expect(latency.latencyMs).toBeGreaterThan(0);
    await advance(LATENCY_INTERVAL_MS - 1);
    expect(pings).toBe(1);
    await advance(1);
    expect(pings).toBe(2);
    // A failed ping: no latency, said once.
    expect(latency.latencyMs).toBeUndefined();
    expect(seen.at(-1)).toBeUndefined();
    latency.stop();
    expect(pending()).toBe(0);
    await advance(LATENCY_INTERVAL_MS * 3);
    expect(pings).toBe(2);
  });
});

describe('which latency changes are announced', () => {
  it('says when the link comes or goes, and moves of more than a tenth and 2 ms', () => {
    expect(worthSaying(undefined, 12)).toBe(true);
    expect(worthSaying(12, undefined)).toBe(true);
    expect(worthSaying(undefined, undefined)).toBe(false);
    expect(worthSaying(12, 14)).toBe(false);
    expect(worthSaying(12, 15)).toBe(true);
    expect(worthSaying(200, 215)).toBe(false);
    expect(worthSaying(200, 230)).toBe(true);
  });
});
