import { describe, expect, it } from 'vitest';
import { isQuietCancel, percentOf } from './use-transfer-progress.ts';

describe('percentOf', () => {
  it('is unknown without a total, and an estimate reads 100 only once done', () => {
    expect(percentOf({ bytes: 10, state: 'moving' })).toBeNull();
    expect(percentOf({ bytes: 250, total: 1000, state: 'moving' })).toBe(25);
    expect(percentOf({ bytes: 1200, total: 1000, estimated: true, state: 'moving' })).toBe(99);
    expect(percentOf({ bytes: 900, total: 1000, estimated: true, state: 'done' })).toBe(90);
    expect(percentOf({ bytes: 1000, total: 1000, state: 'done' })).toBe(100);
  });

  it('keeps quiet about a dialog closed before anything moved, not about a cut transfer', () => {
    const cancelled = { kind: 'cancelled' as const, message: 'No file was chosen.' };
    expect(isQuietCancel({ bytes: 0, state: 'failed', error: cancelled })).toBe(true);
    expect(isQuietCancel({ bytes: 5, state: 'failed', error: cancelled })).toBe(false);
  });
});
