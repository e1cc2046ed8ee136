import { describe, expect, it } from 'vitest';
import { emptyRate, rateOf, RATE_SPAN_MS, sampleRate } from './transfer-rate.ts';

describe('transfer rate', () => {
  it('says nothing until samples span a quarter of a second', () => {
    let w = sampleRate(emptyRate(), 0, 0);
    expect(rateOf(w)).toBeUndefined();
    w = sampleRate(w, 249, 1e6);
    expect(rateOf(w)).toBeUndefined();
    w = sampleRate(w, 500, 2e6);
    expect(rateOf(w)).toBe(4e6);
  });

  it('measures over the last few seconds only, so a stall shows at once', () => {
    let w = emptyRate();
    for (let t = 0; t <= 10_000; t += 500) w = sampleRate(w, t, t * 1000); // 1 MB/s
    expect(rateOf(w)).toBeCloseTo(1e6);
    // Nothing moves for a whole span: the rate drops to zero.
    for (let t = 10_500; t <= 10_000 + RATE_SPAN_MS; t += 500) w = sampleRate(w, t, 10e6);
    expect(rateOf(w)).toBe(0);
    expect(w.samples[0]!.at).toBe(10_000);
    expect(w.samples.length).toBeLessThanOrEqual(RATE_SPAN_MS / 500 + 1);
  });
});
