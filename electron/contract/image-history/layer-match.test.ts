import { describe, expect, it } from 'vitest';
import { alignHistories, matchHistoryToLayers } from './layer-match.ts';

const step = (emptyLayer: boolean) => ({ emptyLayer });
const ids = (n: number) =>
  Array.from({ length: n }, (_, i) => `sha256:${String(i).repeat(64).slice(0, 64)}`);

describe('matchHistoryToLayers', () => {
  it('gives the steps that made layers the layers in order, and metadata steps none', () => {
    // import, LABEL, RUN, ENV, COPY
    const result = matchHistoryToLayers(
      [step(false), step(true), step(false), step(true), step(false)],
      ids(3),
    );
    expect(result).toEqual({ matched: true, layerOf: [0, null, 1, null, 2] });
  });

  it('gives a RUN that changed nothing its own (empty) layer when the config says it made one', () => {
    // BuildKit keeps the layer of `RUN true`; its size is 0, like an ENV's, and yet it is a layer.
    const result = matchHistoryToLayers([step(false), step(false), step(true)], ids(2));
    expect(result).toEqual({ matched: true, layerOf: [0, 1, null] });
  });

  it('says the history does not match when it records more layers than the image has', () => {
    const result = matchHistoryToLayers([step(false), step(false), step(false)], ids(2));
    expect(result).toEqual({
      matched: false,
      reason: "The image's history records 3 steps that made a layer, but the image has 2 layers.",
    });
  });

  it('says the history does not match when it records fewer layers than the image has', () => {
    const result = matchHistoryToLayers([step(false), step(true)], ids(3));
    expect(result.matched).toBe(false);
    expect(result.matched ? '' : result.reason).toContain('1 step that made a layer');
  });

  it('matches nothing to nothing', () => {
    expect(matchHistoryToLayers([], [])).toEqual({ matched: true, layerOf: [] });
  });
});

describe('alignHistories', () => {
  it('pairs the newest-first API steps with the oldest-first config steps', () => {
    const result = alignHistories(
      [{ createdBy: 'c' }, { createdBy: 'b' }, { createdBy: '' }],
      [{}, { createdBy: 'b' }, { createdBy: 'c' }],
    );
    expect(result).toEqual({ aligned: true, configIndexOf: [2, 1, 0] });
  });

  it('refuses histories of different lengths or steps', () => {
    expect(alignHistories([{ createdBy: 'a' }], []).aligned).toBe(false);
    const differs = alignHistories(
      [{ createdBy: 'x' }, { createdBy: 'a' }],
      [{ createdBy: 'a' }, { createdBy: 'b' }],
    );
    expect(differs).toEqual({
      aligned: false,
      reason: "History step 2 differs between the engine's list and the image's archive.",
    });
  });
});
