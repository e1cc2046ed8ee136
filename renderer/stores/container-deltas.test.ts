import { describe, expect, it } from 'vitest';
import type { ContainerSummary, ContainersDelta } from '../../electron/contract/container-types.ts';
import { applyDelta, applySnapshot, emptyContainers } from './container-deltas.ts';

const c = (id: string, state: ContainerSummary['state'] = 'running') =>
  ({ id, name: id, state }) as ContainerSummary;
const delta = (
  seq: number,
  upserts: ContainerSummary[],
  removed: string[] = [],
): ContainersDelta => ({
  engineId: 'e',
  seq,
  reset: false,
  upserts,
  removed,
});
const base = applySnapshot(emptyContainers, { engineId: 'e', seq: 5, items: [c('a'), c('b')] });

describe('applyDelta', () => {
  it('applies the next delta', () => {
    const next = applyDelta(base, delta(6, [c('a', 'exited'), c('z')], ['b']))!;
    expect(Object.keys(next.byId).sort()).toEqual(['a', 'z']);
    expect(next.byId.a!.state).toBe('exited');
    expect(next.seq).toBe(6);
  });

  it('ignores deltas already contained in the snapshot', () => {
    expect(applyDelta(base, delta(5, [c('x')]))).toBe(base);
  });

  it('asks for a snapshot when a delta is missing or from another engine', () => {
    expect(applyDelta(base, delta(8, [c('x')]))).toBeNull();
    expect(applyDelta(base, { ...delta(6, []), engineId: 'other' })).toBeNull();
    expect(applyDelta(emptyContainers, delta(1, []))).toBeNull();
  });

  it('replaces everything on a reset delta', () => {
    const next = applyDelta(base, {
      engineId: 'f',
      seq: 1,
      reset: true,
      upserts: [c('q')],
      removed: [],
    })!;
    expect(next).toEqual({ engineId: 'f', seq: 1, byId: { q: c('q') } });
  });
});
