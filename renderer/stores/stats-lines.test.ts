import { describe, expect, it } from 'vitest';
import { parseStatsLines } from './stats-lines.ts';
import { applyStatsLines, keepStats, useStatsStore } from './stats-store.ts';

describe('parseStatsLines', () => {
  it('skips a broken line and a blank one, and keeps going', () => {
    expect(parseStatsLines(['{oops', '', '{"id":"a","gone":true}'])).toEqual([
      { id: 'a', gone: true },
    ]);
  });
});

describe('the stats store', () => {
  it('keeps the latest sample per container and drops one that is gone', () => {
    applyStatsLines([
      { id: 'a', cpu: null, memory: 1, limit: null },
      { id: 'b', cpu: 2, memory: 2, limit: 8 },
      { id: 'a', cpu: 3, memory: 4, limit: null },
    ]);
    expect(useStatsStore.getState().byId.a).toEqual({ id: 'a', cpu: 3, memory: 4, limit: null });
    const b = useStatsStore.getState().byId.b;
    applyStatsLines([{ id: 'a', gone: true }]);
    expect(useStatsStore.getState().byId.a).toBeUndefined();
    expect(useStatsStore.getState().byId.b).toBe(b); // untouched rows keep their object
    keepStats(new Set());
    expect(useStatsStore.getState().byId).toEqual({});
  });
});
