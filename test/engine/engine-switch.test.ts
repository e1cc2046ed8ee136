// Two real engines connected at once, one shown: switching through
// `engine.use` (the dispatcher, as both faces call it) moves the list at once,
// the engine left behind stays connected and its mirror keeps following it,
// its deltas never reach the renderer-side store while it is hidden, and a
// stream opened on it ends with a clear reason instead of carrying on.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ContainersDelta } from '../../electron/contract/container-types.ts';
import type { EngineCandidate } from '../../electron/contract/engine-types.ts';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import type { EngineConnection } from '../../electron/services/engine-connection.ts';
import { SettingsFile } from '../../electron/services/settings.ts';
import { Dispatcher } from '../../electron/transport/dispatcher.ts';
import {
  initialContainers,
  syncContainers,
  type ContainersStore,
} from '../../renderer/stores/containers-sync.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { inProcessClient } from '../helpers/in-process-client.ts';
import { docker, startManagedEngine, type TestEngine } from '../helpers/managed-engine.ts';

let a: TestEngine;
let b: TestEngine;
let services: AppServices;
let dispatcher: Dispatcher;
let stopSync: () => void;
const store = createStore<ContainersStore>(() => initialContainers);
/** Every state the renderer-side store took, in order. */
const storeStates: ContainersStore[] = [];
/** Every delta the app sent, of either engine. */
const sent: ContainersDelta[] = [];

const candidate = (label: string, engine: TestEngine): EngineCandidate => ({
  id: engine.endpoint,
  label,
  source: 'well-known-socket',
  endpoint: engine.endpoint,
  state: 'reachable',
});

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function call(channel: string, ...args: unknown[]): Promise<unknown> {
  const reply = await dispatcher.call(channel, args);
  if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.message}`);
  return reply.value;
}

const names = (state: ContainersStore) => Object.values(state.byId).map((c) => c.name);
const shows = (engine: TestEngine, name?: string) => () => {
  const state = store.getState();
  return state.engineId === engine.endpoint && (!name || names(state).includes(name));
};

beforeAll(async () => {
  // One after the other: each picks a free subnet for its bridge from the routes it sees.
  a = await startManagedEngine();
  b = await startManagedEngine();
  await Promise.all([ensureBusyboxImage(a.endpoint), ensureBusyboxImage(b.endpoint)]);
  services = createAppServices({
    mode: 'auto',
    discover: async () => [candidate('Engine A', a), candidate('Engine B', b)],
    managed: null,
    noEngineAdvice: 'Install docker.io.',
    settings: new SettingsFile(await mkdtemp(join(tmpdir(), 'berth-switch-'))),
  });
  services.events.subscribe((channel, payload) => {
    if (channel === 'containers.delta') sent.push(payload as ContainersDelta);
  });
  await services.manager.init();
  dispatcher = new Dispatcher(services);
  store.subscribe((state) => storeStates.push(state));
  stopSync = syncContainers(inProcessClient(dispatcher), store);
});

afterAll(async () => {
  stopSync?.();
  await services?.dispose();
  await a?.cleanup();
  await b?.cleanup();
});

describe('two engines, one shown', () => {
  let connectionA: EngineConnection;

  it('shows the first engine found, and only it is connected', async () => {
    await docker(a, 'create', '--name', 'on-a', busyboxImage);
    await docker(b, 'create', '--name', 'on-b', busyboxImage);
    await until('the list of A with on-a', shows(a, 'on-a'));
    connectionA = services.manager.connection();
    const candidates = (await call('engine.candidates')) as EngineCandidate[];
    expect(candidates.map((c) => [c.label, c.connected])).toEqual([
      ['Engine A', true],
      ['Engine B', false],
    ]);
  });

  it("switches to B through engine.use, and A's changes never reach the store meanwhile", async () => {
    await call('engine.use', b.endpoint);
    await until('the list of B with on-b', shows(b, 'on-b'));
    expect(names(store.getState())).not.toContain('on-a');
    const sinceSwitch = storeStates.length;
    const sentSinceSwitch = sent.length;

    // Made with the CLI on the hidden engine: its mirror follows, the store does not.
    await docker(a, 'create', '--name', 'made-while-hidden', busyboxImage);
    await until('a delta of A naming made-while-hidden', () =>
      sent
        .slice(sentSinceSwitch)
        .some(
          (d) => d.engineId === a.endpoint && d.upserts.some((c) => c.name === 'made-while-hidden'),
        ),
    );
    // Something of B after it, so the store has certainly seen A's delta go by.
    await docker(b, 'create', '--name', 'b-after', busyboxImage);
    await until('b-after in the list of B', shows(b, 'b-after'));
    for (const state of storeStates.slice(sinceSwitch)) {
      expect(state.engineId).toBe(b.endpoint);
      expect(names(state)).not.toContain('made-while-hidden');
      expect(names(state)).not.toContain('on-a');
    }
    const candidates = (await call('engine.candidates')) as EngineCandidate[];
    expect(candidates.map((c) => c.connected)).toEqual([true, true]);
  });

  it('switches back to A at once: its list already holds what changed while hidden', async () => {
    await call('engine.use', a.endpoint);
    // Answered from A's live mirror on the first ask, with no reconnect or re-list.
    const snapshot = (await call('containers.list')) as {
      engineId: string;
      items: { name: string }[];
    };
    expect(snapshot.engineId).toBe(a.endpoint);
    expect(snapshot.items.map((c) => c.name)).toEqual(
      expect.arrayContaining(['on-a', 'made-while-hidden']),
    );
    expect(services.manager.connection()).toBe(connectionA);
    await until('the list of A with made-while-hidden', shows(a, 'made-while-hidden'));
    expect(names(store.getState())).not.toContain('on-b');
    // Each engine numbers its own deltas one by one, so the store never saw a gap it had to fill.
    for (const id of [a.endpoint, b.endpoint]) {
      const seqs = sent.filter((d) => d.engineId === id).map((d) => d.seq);
      expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    }
  });

  it('ends a stream opened on A with a clear reason when B is shown, and opens the next on B', async () => {
    await docker(a, 'run', '-d', '--name', 'busy-a', busyboxImage, 'sleep', '600');
    const id = (await docker(a, 'inspect', '--format', '{{.Id}}', 'busy-a')).trim();
    let samples = 0;
    let ended: ErrorEnvelope | undefined | null = null;
    dispatcher.openStream('containers.stats', [{ ids: [id] }], {
      data: () => samples++,
      end: (error) => (ended = error),
    });
    await until('a stats sample from A', () => samples > 0);

    await call('engine.use', b.endpoint);
    const samplesAtSwitch = samples;
    await until('the end of the stream', () => ended !== null, 10_000);
    expect(ended).toMatchObject({
      kind: 'cancelled',
      message: 'Berth now shows Engine B; this stream was for Engine A, so it ended.',
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // a sample a second would show here
    expect(samples).toBe(samplesAtSwitch);

    // The same ask now goes to B, where that container does not exist.
    let onB: string | null = null;
    dispatcher.openStream('containers.stats', [{ ids: [id] }], {
      data: (bytes) => (onB = (onB ?? '') + Buffer.from(bytes).toString()),
      end: () => {},
    });
    await until('the answer from B', () => onB !== null, 10_000);
    expect(JSON.parse(onB!)).toEqual({ id, gone: true });
  });

  it('disconnects a hidden engine on request, and reconnects it when it is shown again', async () => {
    await call('engine.disconnect', a.endpoint);
    let candidates = (await call('engine.candidates')) as EngineCandidate[];
    expect(candidates.map((c) => c.connected)).toEqual([false, true]);
    const refused = await dispatcher.call('engine.disconnect', [b.endpoint]);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'bad-request' } });

    await docker(a, 'create', '--name', 'made-while-disconnected', busyboxImage);
    await call('engine.use', a.endpoint);
    expect(services.manager.connection()).not.toBe(connectionA);
    await until('the list of A, healed', shows(a, 'made-while-disconnected'));
    candidates = (await call('engine.candidates')) as EngineCandidate[];
    expect(candidates.map((c) => c.connected)).toEqual([true, true]);
  });
});
