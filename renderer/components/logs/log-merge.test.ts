import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogMerger } from './log-merge.ts';

const row = (ts: string, text: string) => ({ ts: `2026-12-02T06:00:0${ts}Z`, text });

describe('LogMerger', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('interleaves the opening tails of several sources by time', () => {
    const out: string[] = [];
    const merger = new LogMerger<ReturnType<typeof row>>({
      sources: 2,
      emit: (rows) => out.push(...rows.map((r) => r.text)),
    });
    merger.add(0, [row('1', 'web a'), row('3', 'web b')]);
    vi.advanceTimersByTime(1000);
    expect(out).toEqual([]);
    merger.add(1, [row('2', 'db a'), row('4', 'db b')]);
    vi.advanceTimersByTime(149);
    expect(out).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(out).toEqual(['web a', 'db a', 'web b', 'db b']);
  });

  it('does not wait for a silent source past the first deadline, nor for one that ended', () => {
    const out: string[] = [];
    const merger = new LogMerger<ReturnType<typeof row>>({
      sources: 3,
      emit: (rows) => out.push(...rows.map((r) => r.text)),
    });
    merger.add(0, [row('2', 'x')]);
    merger.ended(1);
    vi.advanceTimersByTime(1500);
    expect(out).toEqual(['x']);
    merger.add(2, [row('5', 'late')]);
    merger.add(0, [row('4', 'earlier')]);
    vi.advanceTimersByTime(150);
    expect(out).toEqual(['x', 'earlier', 'late']);
  });

  it('forgets what waits on reset', () => {
    const out: string[] = [];
    const merger = new LogMerger<ReturnType<typeof row>>({
      sources: 1,
      emit: (rows) => out.push(...rows.map((r) => r.text)),
    });
    merger.add(0, [row('1', 'gone')]);
    merger.reset();
    vi.advanceTimersByTime(5000);
    expect(out).toEqual([]);
  });
});
