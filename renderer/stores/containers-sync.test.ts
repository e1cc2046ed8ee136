// The sync against a stand-in client whose answers the test hands out one by
// one, so the order of events, deltas and snapshot replies is exact.
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type {
  ContainerSummary,
  ContainersDelta,
  ContainersSnapshot,
} from '../../electron/contract/container-types.ts';
import type { EngineStatus } from '../../electron/contract/engine-types.ts';
import type { ConnectionState } from '../client/transport.ts';
import { initialContainers, syncContainers, type ContainersClient } from './containers-sync.ts';

const c = (id: string) => ({ id, name: id, state: 'running' }) as ContainerSummary;
const status = (engineId: string) => ({ engineId }) as EngineStatus;

function standIn() {
  const asked: Array<(s: ContainersSnapshot) => void> = [];
  const deltas = new Set<(d: ContainersDelta) => void>();
  const statuses = new Set<(s: EngineStatus) => void>();
  const client: ContainersClient = {
    call: () => new Promise((resolve) => asked.push(resolve)),
    on: ((channel: string, listener: never) => {
      const set = channel === 'containers.delta' ? deltas : statuses;
      set.add(listener);
      return () => set.delete(listener);
    }) as ContainersClient['on'],
    onConnection: (_l: (s: ConnectionState) => void) => () => {},
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return {
    client,
    /** Answers the oldest snapshot request. */
    async answer(snapshot: ContainersSnapshot) {
      const resolve = asked.shift();
      if (!resolve) throw new Error('no snapshot was asked for');
      resolve(snapshot);
      await settle();
    },
    get asked() {
      return asked.length;
    },
    delta: (d: ContainersDelta) => deltas.forEach((l) => l(d)),
    status: async (engineId: string) => {
      statuses.forEach((l) => l(status(engineId)));
      await settle();
    },
  };
}

const delta = (engineId: string, seq: number, upserts: ContainerSummary[]): ContainersDelta => ({
  engineId,
  seq,
  reset: false,
  upserts,
  removed: [],
});

describe('syncContainers', () => {
  it("ignores another engine's deltas, and takes the new engine's snapshot after a switch", async () => {
    const app = standIn();
    const store = createStore(() => initialContainers);
    syncContainers(app.client, store);
    await app.status('a');
    await app.answer({ engineId: 'a', seq: 3, items: [c('on-a')] });
    const held = store.getState();

    app.delta(delta('b', 1, [c('on-b')]));
    app.delta(delta('b', 2, [c('on-b2')]));
    expect(store.getState()).toBe(held);
    expect(app.asked).toBe(0); // no snapshot asked for because of them either

    await app.status('b');
    expect(app.asked).toBe(1);
    await app.answer({ engineId: 'b', seq: 2, items: [c('on-b'), c('on-b2')] });
    expect(store.getState()).toMatchObject({ engineId: 'b', seq: 2 });
    expect(Object.keys(store.getState().byId).sort()).toEqual(['on-b', 'on-b2']);

    app.delta(delta('a', 4, [c('late-a')]));
    app.delta(delta('b', 3, [c('on-b3')]));
    expect(Object.keys(store.getState().byId).sort()).toEqual(['on-b', 'on-b2', 'on-b3']);
  });

  it('asks again when a snapshot read before a switch arrives after it', async () => {
    const app = standIn();
    const store = createStore(() => initialContainers);
    syncContainers(app.client, store);
    await app.status('a');
    await app.status('b'); // the switch lands while the first request is out
    await app.answer({ engineId: 'a', seq: 3, items: [c('on-a')] });
    expect(app.asked).toBe(1);
    await app.answer({ engineId: 'b', seq: 7, items: [c('on-b')] });
    expect(store.getState()).toMatchObject({ engineId: 'b', seq: 7 });
    expect(app.asked).toBe(0);
  });
});

describe('heals', () => {
  it('counts snapshots and reset deltas, not ordinary deltas', async () => {
    const s = standIn();
    const store = createStore(() => initialContainers);
    syncContainers(s.client, store);
    await s.answer({ engineId: 'a', seq: 1, items: [c('x')] });
    expect(store.getState().heals).toBe(1);
    s.delta(delta('a', 2, [c('y')]));
    expect(store.getState().heals).toBe(1);
    s.delta({ ...delta('a', 3, [c('y')]), reset: true });
    expect(store.getState().heals).toBe(2);
  });
});
