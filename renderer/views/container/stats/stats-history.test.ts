import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../../electron/contract/container-stats.ts';
import { appendSample, emptyHistory, HISTORY_SECONDS } from './stats-history.ts';

const sample = (n: number, over: Partial<StatsSample> = {}): StatsSample => ({
  id: 'abc',
  cpu: n,
  memory: 1000 * n,
  limit: null,
  network: { rx: 100 * n, tx: 10 * n },
  blockIo: { read: 4096 * n, write: 0 },
  pids: 2,
  ...over,
});

describe('appendSample', () => {
  it("turns the engine's running totals into rates per second between samples", () => {
    let h = emptyHistory();
    h = appendSample(h, sample(1), 10_000);
    h = appendSample(h, sample(3), 12_000);
    expect(h.time).toEqual([10, 12]);
    expect(h.rxRate).toEqual([null, 100]); // (300 - 100) bytes over 2 s
    expect(h.txRate).toEqual([null, 10]);
    expect(h.readRate).toEqual([null, 4096]);
    expect(h.writeRate).toEqual([null, 0]);
    expect(h.cpu).toEqual([1, 3]);
    expect(h.memory).toEqual([1000, 3000]);
    expect(h.latest?.network).toEqual({ rx: 300, tx: 30 });
  });

  it('shows no rate across a counter reset (the container restarted) rather than a negative one', () => {
    let h = appendSample(emptyHistory(), sample(5), 0);
    h = appendSample(h, sample(1), 1000);
    expect(h.rxRate).toEqual([null, null]);
  });

  it('keeps the last few minutes only', () => {
    let h = emptyHistory();
    for (let s = 0; s < HISTORY_SECONDS + 50; s++) h = appendSample(h, sample(s), s * 1000);
    expect(h.time).toHaveLength(HISTORY_SECONDS);
    expect(h.time[0]).toBe(50);
    expect(h.pids).toHaveLength(HISTORY_SECONDS);
    expect(h.latest?.cpu).toBe(HISTORY_SECONDS + 49);
  });

  it('leaves out what an older server does not send', () => {
    const old = sample(1);
    delete old.network;
    delete old.pids;
    const h = appendSample(appendSample(emptyHistory(), old, 0), old, 1000);
    expect(h.rxRate).toEqual([null, null]);
    expect(h.pids).toEqual([null, null]);
  });
});
