import { describe, expect, it } from 'vitest';
import { BoundedSet } from './bounded-set.ts';

describe('BoundedSet', () => {
  it('forgets the oldest value past its limit', () => {
    const set = new BoundedSet<number>(2).add(1).add(2).add(3);
    expect([...set]).toEqual([2, 3]);
  });
});
