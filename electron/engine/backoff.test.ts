import { describe, expect, it } from 'vitest';
import { backoffDelay, CrashCounter, defaultBackoff } from './backoff.ts';

describe('backoffDelay', () => {
  it('doubles from half a second and stops at the cap', () => {
    const delays = [0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(defaultBackoff, n));
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});

describe('CrashCounter', () => {
  it('counts only crashes inside the window', () => {
    const counter = new CrashCounter({ maxCrashes: 3, windowMs: 1000 });
    expect(counter.record(0)).toBe(1);
    expect(counter.record(500)).toBe(2);
    expect(counter.record(1200)).toBe(2);
    expect(counter.exhausted(counter.record(1300))).toBe(true);
  });

  it('starts over after reset', () => {
    const counter = new CrashCounter({ maxCrashes: 2, windowMs: 1000 });
    counter.record(0);
    counter.reset();
    expect(counter.record(1)).toBe(1);
  });
});
