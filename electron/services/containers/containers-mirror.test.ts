import { describe, expect, it } from 'vitest';
import type { ContainerSummary, ContainersDelta } from '../../contract/container-types.ts';
import { normalizeEvent, type EngineEvent } from '../events/engine-event.ts';
import { ContainersMirror, type ContainerSource } from './containers-mirror.ts';

const row = (id: string, state: ContainerSummary['state'] = 'running'): ContainerSummary => ({
  id,
  name: `n-${id}`,
  image: 'img',
  imageId: 'sha256:1',
  command: 'sh',
  created: 1,
  state,
  status: state === 'running' ? 'Up 1 second' : 'Exited (0) 1 second ago',
  statusAt: 0,
  ports: [],
  mounts: [],
  networks: [],
  labels: {},
});

const event = (
  action: string,
  id: string,
  attributes: Record<string, string> = {},
): EngineEvent => ({
  type: 'container',
  action,
  actorId: id,
  attributes,
  timeSec: '1',
  timeNanos: '0',
});

/** An engine whose answers the test controls, one list call at a time. */
function fakeEngine(initial: ContainerSummary[]) {
  const engine = new Map(initial.map((c) => [c.id, c]));
  const calls: (string[] | undefined)[] = [];
  let gate: Promise<void> = Promise.resolve();
  const source: ContainerSource = {
    async list(ids) {
      calls.push(ids);
      const snapshot = [...engine.values()].filter((c) => !ids || ids.includes(c.id));
      await gate;
      return snapshot;
    },
  };
  return {
    engine,
    calls,
    source,
    hold() {
      let release!: () => void;
      gate = new Promise((r) => (release = r));
      return () => {
        gate = Promise.resolve();
        release();
      };
    },
  };
}

const settle = () => new Promise((r) => setTimeout(r, 40));

function mirrorOf(source: ContainerSource) {
  const deltas: ContainersDelta[] = [];
  const mirror = new ContainersMirror({
    engineId: 'e',
    source,
    onDelta: (d) => deltas.push(d),
    onError: (m) => {
      throw new Error(m);
    },
    coalesceMs: 5,
  });
  return {
    mirror,
    deltas,
    ids: () =>
      mirror
        .snapshot()
        .items.map((c) => c.id)
        .sort(),
  };
}

describe('ContainersMirror', () => {
  it('starts from a full list as a reset delta', async () => {
    const f = fakeEngine([row('a'), row('b')]);
    const m = mirrorOf(f.source);
    await m.mirror.heal();
    expect(m.deltas[0]).toMatchObject({ reset: true, seq: 1 });
    expect(m.ids()).toEqual(['a', 'b']);
  });

  it('moves a row at once on an event, then reads its details from the engine', async () => {
    const f = fakeEngine([row('a')]);
    const m = mirrorOf(f.source);
    await m.mirror.heal();
    f.engine.set('a', { ...row('a', 'exited'), status: 'Exited (137) 1 second ago' });
    m.mirror.applyEvent(event('die', 'a', { exitCode: '137' }));
    expect(m.mirror.snapshot().items[0]).toMatchObject({
      state: 'exited',
      status: expect.stringContaining('137'),
    });
    await settle();
    expect(f.calls.at(-1)).toEqual(['a']);
    expect(m.mirror.snapshot().items[0]!.status).toBe('Exited (137) 1 second ago');
  });

  it('says a row is stopping from the SIGTERM, and that it ended on request after the die', async () => {
    const f = fakeEngine([row('a')]);
    const m = mirrorOf(f.source);
    await m.mirror.heal();
    m.mirror.applyEvent(event('kill', 'a', { signal: '15' }));
    expect(m.mirror.snapshot().items[0]!.stopping).toEqual({ since: 1000, timeoutSec: 10 });
    await settle();
    // The re-read keeps it: the list itself cannot say so.
    expect(m.mirror.snapshot().items[0]!.stopping).toBeDefined();
    f.engine.set('a', { ...row('a', 'exited'), status: 'Exited (137) 1 second ago' });
    m.mirror.applyEvent(event('kill', 'a', { signal: '9' }));
    m.mirror.applyEvent(event('die', 'a', { exitCode: '137' }));
    await settle();
    const ended = m.mirror.snapshot().items[0]!;
    expect(ended).toMatchObject({ state: 'exited', endedOnRequest: true });
    expect(ended.stopping).toBeUndefined();
  });

  it("counts a stop down from the container's own StopTimeout", async () => {
    const f = fakeEngine([row('a')]);
    const m = mirrorOf({ ...f.source, stopTimeout: () => Promise.resolve(3) });
    await m.mirror.heal();
    m.mirror.applyEvent(event('kill', 'a', { signal: '15' }));
    await settle();
    expect(m.mirror.snapshot().items[0]!.stopping).toEqual({ since: 1000, timeoutSec: 3 });
  });

  it('leaves a row that died by itself unmarked', async () => {
    const f = fakeEngine([row('a')]);
    const m = mirrorOf(f.source);
    await m.mirror.heal();
    f.engine.set('a', { ...row('a', 'exited'), status: 'Exited (137) 1 second ago' });
    m.mirror.applyEvent(event('die', 'a', { exitCode: '137' }));
    await settle();
    expect(m.mirror.snapshot().items[0]!.endedOnRequest).toBeUndefined();
  });

  it('re-reads a row on the health_status event the engine sends (recorded from dockerd 20.10)', async () => {
    // docker events --format '{{json .}}' for a container with HEALTHCHECK CMD true.
    const ID = '7bde2adac7ecf1600b3ad5768cdf0b2c273aa41f0fc052de40fbc15165d04b3a';
    const recorded = normalizeEvent(
      '{"status":"health_status: healthy","id":"7bde2adac7ecf1600b3ad5768cdf0b2c273aa41f0fc052de40fbc15165d04b3a","from":"berth-test/healthy","Type":"container","Action":"health_status: healthy","Actor":{"ID":"7bde2adac7ecf1600b3ad5768cdf0b2c273aa41f0fc052de40fbc15165d04b3a","Attributes":{"image":"berth-test/healthy","name":"hc"}},"scope":"local","time":1795511882,"timeNano":1795511882072704141}',
    )!;
    const f = fakeEngine([{ ...row(ID), status: 'Up 1 second (health: starting)' }]);
    const m = mirrorOf(f.source);
    await m.mirror.heal();
    f.engine.set(ID, {
      ...row(ID),
      status: 'Up 2 seconds (healthy)',
      health: 'healthy',
    });
    m.mirror.applyEvent(recorded);
    await settle();
    expect(f.calls.at(-1)).toEqual([ID]);
    expect(m.mirror.snapshot().items[0]!.health).toBe('healthy');
  });

  it('adds a created container and removes a destroyed one', async () => {
    const f = fakeEngine([]);
    const m = mirrorOf(f.source);
    await m.mirror.heal();
    f.engine.set('n', row('n', 'created'));
    m.mirror.applyEvent(event('create', 'n', { name: 'web', image: 'busybox' }));
    expect(m.mirror.snapshot().items[0]).toMatchObject({ name: 'web', image: 'busybox' });
    f.engine.delete('n');
    m.mirror.applyEvent(event('destroy', 'n'));
    await settle();
    expect(m.ids()).toEqual([]);
  });

  it('never brings back a container destroyed while a list was in flight', async () => {
    const f = fakeEngine([row('a'), row('b')]);
    const m = mirrorOf(f.source);
    const release = f.hold();
    const healing = m.mirror.heal();
    f.engine.delete('a');
    m.mirror.applyEvent(event('destroy', 'a'));
    release();
    await healing;
    await settle();
    expect(m.ids()).toEqual(['b']);
  });

  it('re-reads a container that joins or leaves a network, from the network event', async () => {
    const f = fakeEngine([row('a')]);
    const m = mirrorOf(f.source);
    await m.mirror.heal();
    const joined = {
      name: 'todo',
      networkId: 'n1',
      ipv4: '172.30.0.2',
      ipv6: '',
      mac: '',
      aliases: [],
    };
    f.engine.set('a', { ...row('a'), networks: [joined] });
    m.mirror.applyEvent({
      ...event('connect', 'n1', { container: 'a', name: 'todo' }),
      type: 'network',
    });
    await settle();
    expect(f.calls.at(-1)).toEqual(['a']);
    expect(m.mirror.snapshot().items[0]!.networks).toEqual([joined]);
  });

  it('coalesces a burst of events into few requests', async () => {
    const f = fakeEngine([]);
    const m = mirrorOf(f.source);
    await m.mirror.heal();
    for (let i = 0; i < 200; i++) {
      f.engine.set(`c${i}`, row(`c${i}`));
      m.mirror.applyEvent(event('create', `c${i}`));
      m.mirror.applyEvent(event('start', `c${i}`));
    }
    await settle();
    expect(m.ids()).toHaveLength(200);
    expect(f.calls.length).toBeLessThanOrEqual(3);
  });

  it('numbers deltas 1, 2, 3… with no gap, so a client can tell a missed one from none', async () => {
    const f = fakeEngine([row('a')]);
    const m = mirrorOf(f.source);
    await m.mirror.heal();
    m.mirror.applyEvent(event('pause', 'a'));
    await settle();
    f.engine.set('b', row('b', 'created'));
    m.mirror.applyEvent(event('create', 'b', { name: 'n-b' }));
    await settle();
    f.engine.delete('a');
    m.mirror.applyEvent(event('destroy', 'a'));
    await m.mirror.heal();
    const seqs = m.deltas.map((d) => d.seq);
    expect(seqs.length).toBeGreaterThanOrEqual(5);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(m.mirror.snapshot().seq).toBe(seqs.at(-1));
    m.mirror.dispose();
  });
});

describe('ContainersMirror when the engine list lags its events', () => {
  it("keeps a die event's state while the list still says running, then takes the list", async () => {
    const f = fakeEngine([row('a')]);
    const m = mirrorOf(f.source);
    await m.mirror.heal();
    // The engine has emitted `die`, but its list still shows the container running.
    m.mirror.applyEvent(event('die', 'a', { exitCode: '3' }));
    await new Promise((r) => setTimeout(r, 25));
    expect(m.mirror.snapshot().items[0]!.state).toBe('exited');
    f.engine.set('a', { ...row('a', 'exited'), status: 'Exited (3) 1 second ago' });
    await settle();
    await settle();
    expect(m.mirror.snapshot().items[0]).toMatchObject({
      state: 'exited',
      status: 'Exited (3) 1 second ago',
    });
  });

  it('reads a container again while its list lags a network connect or disconnect', async () => {
    const f = fakeEngine([row('a')]);
    const m = mirrorOf(f.source);
    await m.mirror.heal();
    const joined = {
      name: 'todo',
      networkId: 'n1',
      ipv4: '172.30.0.2',
      ipv6: '',
      mac: '',
      aliases: [],
    };
    const networkEvent = (action: string) => ({
      ...event(action, 'n1', { container: 'a', name: 'todo' }),
      type: 'network',
    });
    // dockerd emits `connect` before the list (its view of the container) shows the network.
    m.mirror.applyEvent(networkEvent('connect'));
    await settle();
    f.engine.set('a', { ...row('a'), networks: [joined] });
    await settle();
    await settle();
    expect(m.mirror.snapshot().items[0]!.networks).toEqual([joined]);

    m.mirror.applyEvent(networkEvent('disconnect'));
    await settle();
    f.engine.set('a', row('a'));
    await settle();
    await settle();
    expect(m.mirror.snapshot().items[0]!.networks).toEqual([]);
  });

  it('lets the list win when it keeps disagreeing', async () => {
    const f = fakeEngine([row('a')]);
    const m = mirrorOf(f.source);
    await m.mirror.heal();
    m.mirror.applyEvent(event('pause', 'a'));
    for (let i = 0; i < 12; i++) await settle();
    expect(m.mirror.snapshot().items[0]!.state).toBe('running');
  });
});

describe('ContainersMirror during a re-list', () => {
  it('keeps a container created while the list was in flight', async () => {
    const f = fakeEngine([row('old')]);
    const m = mirrorOf(f.source);
    const release = f.hold();
    const healing = m.mirror.heal(); // the list is taken now, before `new` exists
    f.engine.set('new', row('new'));
    m.mirror.applyEvent(event('create', 'new', { name: 'n-new' }));
    release();
    await healing;
    await settle();
    expect(m.ids()).toEqual(['new', 'old']);
  });

  it("takes each delta's number from the shared counter it is given, one per delta", async () => {
    let n = 100;
    const f = fakeEngine([row('a')]);
    const deltas: ContainersDelta[] = [];
    const mirror = new ContainersMirror({
      engineId: 'e',
      source: f.source,
      nextSeq: () => ++n,
      onDelta: (d) => deltas.push(d),
      onError: () => {},
    });
    await mirror.heal();
    mirror.applyEvent(event('pause', 'a'));
    mirror.applyEvent(event('create', 'b', { name: 'n-b' }));
    mirror.applyEvent(event('destroy', 'b'));
    expect(deltas.map((d) => d.seq)).toEqual([101, 102, 103, 104]);
    expect(mirror.snapshot().seq).toBe(104);
    expect(n).toBe(104);
    mirror.dispose();
  });
});
