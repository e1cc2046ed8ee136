import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../../electron/contract/container-logs-channels.ts';
import {
  advance,
  afterResume,
  beforeOldest,
  firstSpan,
  nextSpan,
  secondsBefore,
} from './log-paging.ts';

const ts = (n: number) => `2026-12-01T10:00:${String(n).padStart(2, '0')}.000000000Z`;
const line = (n: number, text = `l${n}`): LogLine => ({ stream: 'stdout', ts: ts(n), text });

describe('log paging', () => {
  it('resumes a follow without repeating the lines at the last timestamp seen', () => {
    const shown = [line(1), line(2, 'a'), line(2, 'b')];
    const point = advance(null, shown);
    expect(point).toEqual({ ts: ts(2), seen: 2 });
    const replay = [line(2, 'a'), line(2, 'b'), line(2, 'c'), line(3)];
    expect(afterResume(point, replay).map((l) => l.text)).toEqual(['c', 'l3']);
  });

  it('keeps every line of a resumed follow when nothing was shown yet', () => {
    expect(afterResume(null, [line(1)])).toEqual([line(1)]);
  });

  it('takes from an older page only what is older than the oldest line shown', () => {
    const page = [line(1), line(2, 'x'), line(3, 'y'), line(3, 'z')];
    expect(beforeOldest(ts(3), 1, page).map((l) => l.text)).toEqual(['l1', 'x', 'y']);
  });

  it('computes a window start in unix seconds, nanoseconds kept', () => {
    expect(secondsBefore('2026-12-01T10:00:05.000000123Z', 5)).toBe(
      `${Date.parse('2026-12-01T10:00:00Z') / 1000}.000000123`,
    );
  });

  it('widens an empty window, narrows an overflowing one, and guesses the first from the rate', () => {
    expect(nextSpan(10, 0, 0)).toBe(40);
    expect(nextSpan(10, 500, 3)).toBe(2);
    expect(nextSpan(10, 500, 0)).toBe(10);
    expect(firstSpan([line(0), line(10)], 20)).toBe(100);
  });
});
