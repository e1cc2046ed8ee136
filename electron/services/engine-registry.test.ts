// The registry's rules with stand-in connections (the real one is exercised
// against two engines in test/engine/engine-switch.test.ts).
import { describe, expect, it } from 'vitest';
import type { ContainersDelta } from '../contract/container-types.ts';
import type { EngineCandidate } from '../contract/engine-types.ts';
import type { ErrorEnvelope } from '../contract/errors.ts';
import type { MirroredResource, MirroredRows, ResourceSnapshot } from '../contract/mirror-types.ts';
import { FakeClock } from '../engine/fake-clock.testkit.ts';
import { EngineRegistry, type ConnectionHooks, type LiveConnection } from './engine-registry.ts';

class StandIn implements LiveConnection {
  eventsConnected = false;
  started = false;
  disposed = false;
  ended: ErrorEnvelope[] = [];
  readonly id: string;
  readonly hooks: ConnectionHooks;
  constructor(id: string, hooks: ConnectionHooks) {
    this.id = id;
    this.hooks = hooks;
  }
  start() {
    this.started = true;
  }
  snapshot<R extends MirroredResource>(_resource: R): ResourceSnapshot<MirroredRows[R]> {
    return { engineId: this.id, seq: 0, items: [] };
  }
  endStreams(error: ErrorEnvelope) {
    this.ended.push(error);
  }
  dispose() {
    this.disposed = true;
    this.hooks.onEventsConnected(false, 'disconnected by the app');
  }
  /** The engine's event stream going up or down. */
  events(connected: boolean) {
    this.eventsConnected = connected;
    this.hooks.onEventsConnected(connected, connected ? undefined : 'the engine went away');
  }
  /** A container change in this engine's mirror. */
  change(): ContainersDelta {
    const delta = {
      engineId: this.id,
      seq: this.hooks.nextSeq('containers'),
      reset: false,
      upserts: [],
      removed: [],
    };
    this.hooks.onDelta('containers', delta);
    return delta;
  }
}

const engine = (id: string): EngineCandidate => ({
  id,
  label: `Engine ${id}`,
  source: 'well-known-socket',
  endpoint: `unix:///${id}.sock`,
  state: 'reachable',
});

function setup(opts: { maxLive?: number } = {}) {
  const clock = new FakeClock();
  const made: StandIn[] = [];
  const deltas: ContainersDelta[] = [];
  const events: string[] = [];
  const registry = new EngineRegistry<StandIn>({
    connect: (candidate, hooks) => {
      const connection = new StandIn(candidate.id, hooks);
      made.push(connection);
      return connection;
    },
    onDelta: (_resource, d) => deltas.push(d as ContainersDelta),
    onEventsConnected: (id, up) => events.push(`${id} ${up ? 'up' : 'down'}`),
    onLiveChanged: () => events.push(`live ${registry.liveIds().join(',')}`),
    failAfterMs: 30_000,
    clock,
    ...opts,
  });
  /** As the manager does on `engine.use`: show, then connect unless live. */
  const use = (id: string) => {
    registry.show(engine(id));
    return registry.open(engine(id));
  };
  return { registry, clock, made, deltas, events, use };
}

describe('EngineRegistry', () => {
  it('connects only the engine shown, and keeps the other connection live across a switch', () => {
    const { registry, made, use } = setup();
    const a = use('a');
    expect(made).toHaveLength(1);
    expect(a.started).toBe(true);

    const b = use('b');
    expect(registry.shownId).toBe('b');
    expect(registry.shown()).toBe(b);
    expect(a.disposed).toBe(false);
    expect(registry.liveIds()).toEqual(['a', 'b']);

    // Back to A: the same connection, nothing new opened.
    expect(use('a')).toBe(a);
    expect(made).toHaveLength(2);
    expect(registry.snapshot('containers').engineId).toBe('a');
  });

  it("passes on a hidden engine's deltas with its id, and the shown list stays the shown engine's", () => {
    const { registry, deltas, use } = setup();
    const a = use('a');
    const b = use('b');
    a.change();
    a.change();
    b.change();
    expect(deltas.map((d) => `${d.engineId}#${d.seq}`)).toEqual(['a#1', 'a#2', 'b#1']);
    expect(registry.snapshot('containers').engineId).toBe('b');
  });

  it('numbers each engine on from where it left off when it is connected again', () => {
    const { registry, deltas, use } = setup();
    const a = use('a');
    a.change();
    a.change();
    use('b');
    registry.drop('a', { kind: 'cancelled', message: 'gone' });
    expect(registry.snapshot('containers')).toMatchObject({ engineId: 'b' });
    const again = use('a');
    expect(again).not.toBe(a);
    again.change();
    expect(deltas.map((d) => `${d.engineId}#${d.seq}`)).toEqual(['a#1', 'a#2', 'a#3']);
  });

  it("ends the streams of the engine left, naming both, and keeps the shown one's", () => {
    const { use } = setup();
    const a = use('a');
    const b = use('b');
    expect(a.ended).toEqual([
      expect.objectContaining({
        kind: 'cancelled',
        message: 'Berth now shows Engine b; this stream was for Engine a, so it ended.',
      }),
    ]);
    expect(b.ended).toEqual([]);
  });

  it('drops a hidden engine whose event stream stays down, with the reason on its streams', async () => {
    const { registry, clock, use, events } = setup();
    const a = use('a');
    a.events(true);
    use('b');
    a.events(false);
    await clock.advance(29_999);
    expect(registry.get('a')).toBe(a);
    await clock.advance(1);
    expect(registry.get('a')).toBeUndefined();
    expect(a.disposed).toBe(true);
    expect(a.ended.at(-1)).toMatchObject({ kind: 'unreachable', message: /Lost Engine a/ });
    expect(events.at(-1)).toBe('live b');
    // Its last words on the way out are not passed on.
    expect(events.filter((e) => e === 'a down')).toHaveLength(1);
  });

  it('keeps a hidden engine that comes back in time, and never drops the shown one for failing', async () => {
    const { registry, clock, use } = setup();
    const a = use('a');
    const b = use('b');
    a.events(false);
    await clock.advance(20_000);
    a.events(true);
    await clock.advance(60_000);
    expect(registry.get('a')).toBe(a);

    b.events(false);
    await clock.advance(120_000);
    expect(registry.get('b')).toBe(b);
    // Down when left: it fails from then on.
    use('a');
    await clock.advance(30_000);
    expect(registry.get('b')).toBeUndefined();
  });

  it('keeps at most maxLive engines, dropping the least recently shown', () => {
    const { registry, use } = setup({ maxLive: 2 });
    const a = use('a');
    use('b');
    use('a');
    const b = registry.get('b')!;
    use('c');
    expect(registry.liveIds()).toEqual(['a', 'c']);
    expect(b.disposed).toBe(true);
    expect(a.disposed).toBe(false);
    expect(b.ended.at(-1)?.message).toMatch(/at most 2 engines/);
  });
});
