import { describe, expect, it } from 'vitest';
import { StatsLineReader } from './stats-lines.ts';
import { applyStatsLines, keepStats, useStatsStore } from './stats-store.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('StatsLineReader', () => {
  it('joins a line split across frames, a multi-byte character included', () => {
    const reader = new StatsLineReader();
    const line = `${JSON.stringify({ id: 'é'.repeat(3), cpu: 1.5, memory: 10, limit: null })}\n`;
    const all = bytes(line + line);
    const cut = line.indexOf('é') + 1; // inside the two bytes of the first é
    expect(reader.read(all.slice(0, cut))).toEqual([]);
    expect(reader.read(all.slice(cut))).toHaveLength(2);
  });

  it('skips a broken line and keeps going', () => {
    const reader = new StatsLineReader();
    expect(reader.read(bytes('{oops\n{"id":"a","gone":true}\n'))).toEqual([
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
