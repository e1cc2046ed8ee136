import { describe, expect, it } from 'vitest';
import type { ContainerSummary, ContainersDelta } from '../../electron/contract/container-types.ts';
import { applyDelta, applySnapshot, emptyContainers, needsSnapshot } from './container-deltas.ts';

const c = (id: string, state: ContainerSummary['state'] = 'running') =>
  ({ id, name: id, state }) as ContainerSummary;
const delta = (
  seq: number,
  upserts: ContainerSummary[],
  removed: string[] = [],
  engineId = 'e',
): ContainersDelta => ({ engineId, seq, reset: false, upserts, removed });
const base = applySnapshot(emptyContainers, { engineId: 'e', seq: 5, items: [c('a'), c('b')] });

describe('applyDelta', () => {
  it('applies the next delta', () => {
    const next = applyDelta(base, delta(6, [c('a', 'exited'), c('z')], ['b']))!;
    expect(Object.keys(next.byId).sort()).toEqual(['a', 'z']);
    expect(next.byId.a!.state).toBe('exited');
    expect(next.seq).toBe(6);
  });

  it('ignores deltas already contained in the snapshot, a reset included', () => {
    expect(applyDelta(base, delta(5, [c('x')]))).toBe(base);
    expect(applyDelta(base, { ...delta(4, [c('old')]), reset: true })).toBe(base);
  });

  it('asks for a snapshot when a delta of the engine held is missing', () => {
    expect(applyDelta(base, delta(8, [c('x')]))).toBeNull();
  });

  it('ignores a delta of another engine, whatever its number, leaving the list as it was', () => {
    expect(applyDelta(base, delta(6, [c('x')], ['a'], 'other'))).toBe(base);
    expect(applyDelta(base, delta(99, [c('x')], [], 'other'))).toBe(base);
    expect(applyDelta(base, { ...delta(1, [c('q')], [], 'other'), reset: true })).toBe(base);
    // Before the first snapshot nothing is held: every delta waits for it.
    expect(applyDelta(emptyContainers, delta(1, [c('x')]))).toBe(emptyContainers);
  });

  it('replaces everything on a reset delta of the engine held', () => {
    const next = applyDelta(base, { ...delta(6, [c('q')]), reset: true })!;
    expect(next).toEqual({ engineId: 'e', seq: 6, byId: { q: c('q') } });
  });
});

describe('switching engines', () => {
  it("after a switch, the new engine's snapshot replaces the list, and only its deltas apply", () => {
    const shown = applySnapshot(base, { engineId: 'b', seq: 40, items: [c('on-b')] });
    expect(shown).toEqual({ engineId: 'b', seq: 40, byId: { 'on-b': c('on-b') } });
    // The engine left behind keeps numbering its own deltas: they change nothing here.
    expect(applyDelta(shown, delta(6, [c('on-a')]))).toBe(shown);
    expect(applyDelta(shown, delta(41, [c('b2')], [], 'b'))!.byId).toEqual({
      'on-b': c('on-b'),
      b2: c('b2'),
    });
  });

  it('needs a snapshot when the engine shown is not the one held', () => {
    expect(needsSnapshot(base, 'e')).toBe(false);
    expect(needsSnapshot(base, 'b')).toBe(true);
    expect(needsSnapshot(base, undefined)).toBe(false); // no status yet
    expect(needsSnapshot(base, null)).toBe(false); // no engine: keep what is shown
  });
});
