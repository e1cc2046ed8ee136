import { describe, expect, it } from 'vitest';
import { wallClockJump } from './wake-watch.ts';

describe('host sleep detection', () => {
  it('sees the wall clock run ahead of the monotonic clock as a jump', () => {
    expect(wallClockJump({ wall: 1_000, mono: 50 }, { wall: 6_000, mono: 5_050 })).toBe(0);
    expect(wallClockJump({ wall: 1_000, mono: 50 }, { wall: 3_606_000, mono: 5_050 })).toBe(
      3_600_000,
    );
    expect(wallClockJump({ wall: 1_000, mono: 50 }, { wall: -59_000, mono: 5_050 })).toBe(-65_000);
  });
});
