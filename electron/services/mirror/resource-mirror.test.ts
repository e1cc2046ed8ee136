// The core alone, with plain rows: what every mirrored resource relies on.
// The containers' specifics are in containers/containers-mirror.test.ts.
import { describe, expect, it } from 'vitest';
import type { ResourceDelta } from '../../contract/mirror-types.ts';
import { ResourceMirror, type MirrorHooks } from './resource-mirror.ts';

interface Row {
  id: string;
  v: number;
  derived?: number;
}

function setup(initial: Row[], hooks: MirrorHooks<Row> = {}) {
  const engine = new Map(initial.map((r) => [r.id, r]));
  const calls: (string[] | undefined)[] = [];
  const deltas: ResourceDelta<Row>[] = [];
  let gate: Promise<void> = Promise.resolve();
  const mirror = new ResourceMirror<Row>({
    engineId: 'e',
    noun: 'rows',
    source: {
      async list(ids) {
        calls.push(ids);
        const answer = [...engine.values()].filter((r) => !ids || ids.includes(r.id));
        await gate;
        return answer;
      },
    },
    onDelta: (d) => deltas.push(d),
    onError: (m) => {
      throw new Error(m);
    },
    coalesceMs: 5,
    ...hooks,
  });
  return {
    engine,
    calls,
    deltas,
    mirror,
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = Promise.resolve();
        release();
      };
    },
    rows: () => Object.fromEntries(mirror.snapshot().items.map((r) => [r.id, r.v])),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 30));

describe('ResourceMirror', () => {
  it('sends a re-list after touchAll as only the rows that differ', async () => {
    const s = setup([
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
      { id: 'c', v: 1 },
    ]);
    await s.mirror.heal();
    s.engine.set('b', { id: 'b', v: 2 });
    s.engine.delete('c');
    s.engine.set('d', { id: 'd', v: 1 });
    s.mirror.touchAll();
    s.mirror.touchAll();
    await settle();
    expect(s.calls).toEqual([undefined, undefined]); // the heal, then one coalesced re-list
    expect(s.deltas.at(-1)).toMatchObject({
      seq: 2,
      reset: false,
      upserts: [
        { id: 'b', v: 2 },
        { id: 'd', v: 1 },
      ],
      removed: ['c'],
    });
    expect(s.rows()).toEqual({ a: 1, b: 2, d: 1 });
  });

  it('sends nothing when a re-list finds everything as it was', async () => {
    const s = setup([{ id: 'a', v: 1 }]);
    await s.mirror.heal();
    s.mirror.touchAll();
    s.mirror.touch('a');
    await settle();
    expect(s.deltas).toHaveLength(1);
  });

  it('keeps a row touched again while a re-read that missed it was out', async () => {
    const s = setup([]);
    await s.mirror.heal();
    s.mirror.put({ id: 'n', v: 0 }); // a guess from an event
    const release = s.hold();
    s.mirror.touch('n');
    await new Promise((r) => setTimeout(r, 10)); // the re-read is out, the row not yet listed
    s.engine.set('n', { id: 'n', v: 5 });
    s.mirror.touch('n');
    release();
    await settle();
    expect(s.rows()).toEqual({ n: 5 });
    expect(s.deltas.every((d) => !d.removed.includes('n'))).toBe(true);
  });

  it('never brings back a removed row from a list taken before', async () => {
    const s = setup([{ id: 'a', v: 1 }]);
    const release = s.hold();
    const healing = s.mirror.heal();
    s.mirror.remove('a');
    release();
    await healing;
    s.mirror.touchAll();
    await settle();
    expect(s.rows()).toEqual({});
  });

  it('adds what derive says changed to the same delta, and on rederive', async () => {
    let factor = 10;
    const s = setup([{ id: 'a', v: 1 }], {
      derive: (rows) =>
        [...rows.values()]
          .filter((r) => r.derived !== r.v * factor)
          .map((r) => ({ ...r, derived: r.v * factor })),
    });
    await s.mirror.heal();
    expect(s.deltas[0]).toMatchObject({ reset: true, upserts: [{ id: 'a', v: 1, derived: 10 }] });
    s.engine.set('b', { id: 'b', v: 2 });
    s.mirror.touch('b');
    await settle();
    expect(s.deltas[1]!.upserts).toEqual([{ id: 'b', v: 2, derived: 20 }]);
    factor = 100;
    s.mirror.rederive();
    expect(s.deltas[2]).toMatchObject({ seq: 3, removed: [] });
    expect(s.deltas[2]!.upserts.map((r) => r.derived)).toEqual([100, 200]);
    s.mirror.rederive(); // nothing differs: no delta, no number used
    expect(s.deltas).toHaveLength(3);
    s.mirror.dispose();
  });
});
