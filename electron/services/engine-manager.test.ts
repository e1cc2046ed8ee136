// The engine manager's choices, with a fake managed engine (the supervisor has
// its own tests) and candidates given as data.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { EngineCandidate, EngineStatus } from '../contract/engine-types.ts';
import { EngineManager, MANAGED_ID } from './engine-manager.ts';
import { foundEngines } from './engine-provider.ts';
import { EventHub } from './event-hub.ts';
import type { ManagedEngine, ManagedStatus } from './managed-engine-port.ts';
import { SettingsFile } from './settings.ts';

function fakeManaged() {
  let status: ManagedStatus = { state: 'stopped', history: [], lastLogLines: [] };
  const listeners = new Set<(s: ManagedStatus) => void>();
  const calls: string[] = [];
  const set = (state: ManagedStatus['state']) => {
    status = { ...status, state };
    listeners.forEach((l) => l(status));
  };
  const engine: ManagedEngine = {
    kind: 'native',
    endpoint: { url: 'unix:///nonexistent/berth-test.sock' },
    cliHint: { context: 'berth-test', dockerHost: 'unix:///nonexistent/berth-test.sock' },
    status: () => status,
    onStatus: (l) => (listeners.add(l), () => listeners.delete(l)),
    start: async () => void calls.push('start'),
    stop: async () => (calls.push('stop'), set('stopped')),
    restart: async () => void calls.push('restart'),
    reset: async () => (calls.push('reset'), { removed: [], kept: [] }),
    openLog: () => Readable.from([]),
    readLog: async () => Readable.from([]),
    dispose: async () => void calls.push('dispose'),
  };
  return { engine, calls, set };
}

const found = (id: string, state: EngineCandidate['state']): EngineCandidate => ({
  id,
  label: id,
  source: 'well-known-socket',
  endpoint: id,
  state,
});

async function manager(opts: {
  candidates: EngineCandidate[];
  managed: ManagedEngine | null;
  remembered?: string;
  mode?: string;
  events?: EventHub;
}) {
  const settings = new SettingsFile(await mkdtemp(join(tmpdir(), 'berth-manager-')));
  if (opts.remembered) await settings.write({ engineId: opts.remembered });
  return new EngineManager({
    mode: opts.mode ?? 'auto',
    found: foundEngines(async () => opts.candidates),
    managed: opts.managed,
    noEngineAdvice: 'Install docker.io.',
    settings,
    events: opts.events ?? new EventHub(),
  });
}

describe('EngineManager.init', () => {
  it('starts the managed engine when nothing found answers', async () => {
    const m = fakeManaged();
    const mgr = await manager({
      candidates: [found('unix:///a.sock', 'unreachable')],
      managed: m.engine,
    });
    await mgr.init();
    expect(m.calls).toEqual(['start']);
    expect(mgr.status()).toMatchObject({ engineId: MANAGED_ID, managed: true });
    expect(mgr.candidates().map((c) => c.id)).toEqual(['unix:///a.sock', MANAGED_ID]);
  });

  it('says what to install when nothing answers and nothing can be started', async () => {
    const mgr = await manager({ candidates: [], managed: null });
    await mgr.init();
    expect(mgr.status()).toMatchObject({
      engineId: null,
      state: 'error',
      error: {
        message: 'No container engine was found on this machine.',
        hint: 'Install docker.io.',
      },
    });
  });

  it("honours the user's remembered choice over the first reachable engine", async () => {
    const m = fakeManaged();
    const mgr = await manager({
      candidates: [found('unix:///up.sock', 'reachable')],
      managed: m.engine,
      remembered: MANAGED_ID,
    });
    await mgr.init();
    expect(mgr.status().engineId).toBe(MANAGED_ID);
  });

  it('refuses to use an engine it never found, and to stop one it does not manage', async () => {
    const mgr = await manager({ candidates: [], managed: null });
    await mgr.init();
    await expect(mgr.use('unix:///elsewhere.sock')).rejects.toThrow(
      'No engine "unix:///elsewhere.sock" was found.',
    );
    await expect(mgr.stop()).rejects.toThrow(
      'Berth cannot start a managed engine on this machine.',
    );
  });

  it('resets only its own engine, never one it found', async () => {
    const m = fakeManaged();
    const mgr = await manager({
      candidates: [found('unix:///a.sock', 'reachable')],
      managed: m.engine,
    });
    await mgr.init();
    await expect(mgr.reset()).rejects.toThrow(/is not managed by Berth, so Berth cannot reset it/);
    expect(m.calls).not.toContain('reset');
    await mgr.use(MANAGED_ID);
    await mgr.reset();
    expect(m.calls).toContain('reset');
  });

  it('uses the engine named with --engine, listing it first', async () => {
    const mgr = await manager({
      candidates: [],
      managed: null,
      mode: 'unix:///nonexistent/explicit.sock',
    });
    await mgr.init();
    expect(mgr.candidates()[0]).toMatchObject({
      source: 'explicit',
      endpoint: 'unix:///nonexistent/explicit.sock',
    });
    expect(mgr.status()).toMatchObject({
      engineId: 'unix:///nonexistent/explicit.sock',
      state: 'error',
    });
    await mgr.dispose();
  });
});

describe('EngineManager.use', () => {
  const other = 'unix:///nonexistent/berth-other.sock';

  it('leaves the managed engine running and connected while another engine is shown', async () => {
    const m = fakeManaged();
    const events = new EventHub();
    const statuses: (string | null)[] = [];
    events.subscribe((channel, payload) => {
      if (channel === 'engine.status') statuses.push((payload as EngineStatus).engineId);
    });
    const mgr = await manager({
      candidates: [found(other, 'reachable')],
      managed: m.engine,
      remembered: MANAGED_ID,
      events,
    });
    await mgr.init();
    m.set('running');
    await mgr.use(other);
    expect(m.calls).toEqual(['start']);
    expect(mgr.status()).toMatchObject({ engineId: other, managed: false, state: 'error' });
    expect(mgr.candidates().map((c) => [c.id, c.connected])).toEqual([
      [other, true],
      [MANAGED_ID, true],
    ]);

    // Only the engine shown has a status event; a hidden one's change shows in the candidates.
    statuses.length = 0;
    m.set('stopped');
    expect(statuses).toEqual([]);
    expect(mgr.candidates().find((c) => c.id === MANAGED_ID)?.connected).toBe(false);

    await mgr.use(MANAGED_ID);
    expect(mgr.status()).toMatchObject({ engineId: MANAGED_ID, managed: true });
    expect(statuses).toEqual([MANAGED_ID]);
    await mgr.dispose();
  });

  it('refuses to disconnect the engine shown', async () => {
    const mgr = await manager({ candidates: [], managed: null, mode: other });
    await mgr.init();
    expect(() => mgr.disconnect(other)).toThrow(`Docker at ${other} is the engine shown`);
    await mgr.dispose();
  });
});
