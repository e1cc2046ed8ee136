import { describe, expect, it } from 'vitest';
import type { ImageAnalysis } from '../../../electron/contract/image-layers-channels.ts';
import { applyAnalyseEnd, applyAnalyseLines, reading } from './analysis-state.ts';

const analysis: ImageAnalysis = {
  imageId: `sha256:${'1'.repeat(64)}`,
  history: [],
  layers: [],
  efficiency: { score: 1, wastedBytes: 0, worst: [] },
};
const line = (value: unknown) => JSON.stringify(value);

describe('the analysis stream, folded', () => {
  it('follows progress, then holds the analysis once done', () => {
    let state = applyAnalyseLines(reading, [line({ kind: 'progress', read: 10, total: 100 })]);
    expect(state).toEqual({ phase: 'reading', read: 10, total: 100 });
    state = applyAnalyseLines(state, [
      line({ kind: 'progress', read: 100, total: 100 }),
      line({ kind: 'done', analysis }),
    ]);
    expect(state).toEqual({ phase: 'done', analysis });
    expect(applyAnalyseEnd(state)).toBe(state);
  });

  it('reads progress without a known size', () => {
    expect(applyAnalyseLines(reading, [line({ kind: 'progress', read: 5 })])).toEqual({
      phase: 'reading',
      read: 5,
    });
  });

  it("fails with the engine's error, or when the stream ends before it is done", () => {
    const error = { kind: 'not-found' as const, message: 'No such image' };
    expect(applyAnalyseEnd(reading, error)).toEqual({ phase: 'failed', error });
    expect(applyAnalyseEnd(reading)).toMatchObject({ phase: 'failed' });
  });

  it('fails on a line that is not JSON', () => {
    expect(applyAnalyseLines(reading, ['{oops'])).toMatchObject({ phase: 'failed' });
  });
});
