import { describe, expect, it } from 'vitest';
import { LogRing } from './log-ring.ts';

const texts = (ring: LogRing<{ t: string }>) => ring.toArray().map((r) => r.t);
const rows = (...t: string[]) => t.map((x) => ({ t: x }));

describe('LogRing', () => {
  it('keeps the newest rows up to its cap and counts those pushed out', () => {
    const ring = new LogRing<{ t: string }>(3);
    ring.push(rows('a', 'b'));
    ring.push(rows('c', 'd', 'e'));
    expect(texts(ring)).toEqual(['c', 'd', 'e']);
    expect(ring.dropped).toBe(2);
  });

  it('prepends older rows only into the room left, keeping the newest of them', () => {
    const ring = new LogRing<{ t: string }>(4);
    ring.push(rows('d', 'e'));
    expect(ring.unshift(rows('a', 'b', 'c'))).toBe(2);
    expect(texts(ring)).toEqual(['b', 'c', 'd', 'e']);
    expect(ring.unshift(rows('z'))).toBe(0);
  });

  it('finds a row by its sequence number after rows were dropped or prepended', () => {
    const ring = new LogRing<{ t: string }>(3);
    ring.push(rows('a', 'b'));
    const b = ring.at(1)!.seq;
    ring.unshift(rows('z'));
    expect(ring.indexOfSeq(b)).toBe(2);
    ring.push(rows('c'));
    expect(ring.indexOfSeq(b)).toBe(1);
    ring.push(rows('d', 'e'));
    expect(ring.indexOfSeq(b)).toBe(-1);
    expect(texts(ring)).toEqual(['c', 'd', 'e']);
  });

  it('starts over after clear', () => {
    const ring = new LogRing<{ t: string }>(2);
    ring.push(rows('a', 'b', 'c'));
    ring.clear();
    ring.unshift(rows('x'));
    ring.push(rows('y'));
    expect(texts(ring)).toEqual(['x', 'y']);
    expect(ring.dropped).toBe(0);
  });
});
