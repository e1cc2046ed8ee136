import { describe, expect, it } from 'vitest';
import { layerSizesFromHistory, sharedSizes, type HistoryEntry } from './shared-size.ts';

const entry = (size: number, createdBy: string): HistoryEntry => ({ size, createdBy });

describe('layerSizesFromHistory', () => {
  it('takes each sized entry as a layer and skips metadata, oldest first', () => {
    const history = [
      entry(5_000, '/bin/sh -c #(nop) ADD file:abc in / '),
      entry(0, '/bin/sh -c #(nop)  CMD ["sh"]'),
      entry(300, '/bin/sh -c echo hi > /a'),
      entry(0, 'LABEL made.by=me'),
    ];
    expect(layerSizesFromHistory(history, 2)).toEqual([5_000, 300]);
  });

  it('places a RUN that changed nothing as the layer it made, not a metadata entry', () => {
    // Layers: the import, an empty RUN, a COPY. The ENV before the RUN made none.
    const history = [
      entry(4_000, '/bin/sh -c #(nop) ADD file:abc in / '),
      entry(0, '/bin/sh -c #(nop)  ENV A=1'),
      entry(0, '/bin/sh -c true'),
      entry(70, 'COPY f /f # buildkit'),
    ];
    expect(layerSizesFromHistory(history, 3)).toEqual([4_000, 0, 70]);
  });

  it('says it cannot tell when the history has more sized entries than the image has layers', () => {
    expect(layerSizesFromHistory([entry(1, 'a'), entry(2, 'b')], 1)).toBeNull();
    expect(layerSizesFromHistory([entry(1, 'a')], 3)).toBeNull();
  });
});

describe('sharedSizes', () => {
  // base: [b1 100, b2 20]; web and api are built on it, with layers of their own.
  const base = { id: 'base', layers: ['b1', 'b2'] };
  const web = { id: 'web', layers: ['b1', 'b2', 'w'] };
  const api = { id: 'api', layers: ['b1', 'b2', 'a1', 'a2'] };
  const lone = { id: 'lone', layers: ['x'] };
  const sizes: Record<string, number[]> = {
    base: [100, 20],
    web: [100, 20, 7],
    api: [100, 20, 3, 4],
    lone: [9],
  };

  it('counts the layers of the longest prefix an image shares with any other', () => {
    const { shared, needHistory } = sharedSizes([base, web, api, lone], (id) => sizes[id]);
    expect(Object.fromEntries(shared)).toEqual({ base: 120, web: 120, api: 120, lone: 0 });
    expect(needHistory).toEqual([]);
  });

  it('shares only a common prefix: the same diffID on another chain is another layer', () => {
    const other = { id: 'other', layers: ['z', 'b2'] };
    const { shared } = sharedSizes([base, other], (id) => (id === 'other' ? [1, 20] : sizes[id]));
    expect(Object.fromEntries(shared)).toEqual({ base: 0, other: 0 });
  });

  it('fills a shared prefix from any image that has it, and asks one history per unknown prefix', () => {
    // Only api's sizes are known: they serve web too, for the layers both have.
    const known = sharedSizes([web, api], (id) => (id === 'api' ? sizes.api : undefined));
    expect(Object.fromEntries(known.shared)).toEqual({ web: 120, api: 120 });

    const unknown = sharedSizes([base, web, api, lone], () => undefined);
    expect(Object.fromEntries(unknown.shared)).toEqual({
      base: null,
      web: null,
      api: null,
      lone: 0,
    });
    expect(unknown.needHistory).toEqual(['base']);
    // An image already asked (its history failed) is passed over for another sharer.
    const again = sharedSizes(
      [base, web, api],
      () => undefined,
      (id) => id !== 'base',
    );
    expect(again.needHistory).toEqual(['web']);
  });

  it('shares everything between two names of one chain (an image re-labelled)', () => {
    const relabelled = { id: 'relabelled', layers: ['b1', 'b2'] };
    const { shared } = sharedSizes([base, relabelled], (id) => sizes[id]);
    expect(Object.fromEntries(shared)).toEqual({ base: 120, relabelled: 120 });
  });
});
