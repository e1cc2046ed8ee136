import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineCandidate } from '../contract/engine-types.ts';
import { contextLabel, discoverEngines, noEngineAdvice, pickDefault } from './discovery.ts';
import type { DiscoveryInputs } from './discovery.ts';
import { confinedInputs, storeContext } from './docker-context.testkit.ts';
import { makeTempDir, startFakeEngine, startSilentSocket } from './fake-engine.testkit.ts';
import type { RunningSocket } from './fake-engine.testkit.ts';
import type { ProbeFn, ProbeOptions } from './probe.ts';

let home: string;
let cleanup: () => Promise<void>;
const running: RunningSocket[] = [];

beforeEach(async () => {
  ({ dir: home, cleanup } = await makeTempDir('berth-disc-'));
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  await cleanup();
});

async function engineAt(...parts: string[]): Promise<RunningSocket> {
  const socketPath = path.join(home, ...parts);
  await mkdir(path.dirname(socketPath), { recursive: true });
  const engine = await startFakeEngine(socketPath);
  running.push(engine);
  return engine;
}

function inputs(overrides: Partial<DiscoveryInputs> = {}): DiscoveryInputs {
  return confinedInputs(home, overrides);
}

async function setCurrentContext(configDir: string, name: string): Promise<void> {
  await mkdir(configDir, { recursive: true });
  await writeFile(path.join(configDir, 'config.json'), JSON.stringify({ currentContext: name }));
}

function summary(candidates: EngineCandidate[]) {
  return candidates.map((c) => ({
    label: c.label,
    source: c.source,
    endpoint: c.endpoint,
    state: c.state,
  }));
}

describe('discoverEngines', () => {
  it('lists DOCKER_HOST first and folds the same socket found as well-known into it', async () => {
    const native = await engineAt('run', 'docker.sock');
    // Like /var/run -> /run: another path to the same socket.
    await symlink(path.join(home, 'run'), path.join(home, 'var-run'));
    const viaLink = `unix://${path.join(home, 'var-run', 'docker.sock')}`;
    const desktop = await engineAt('.docker', 'desktop', 'docker.sock');

    const found = await discoverEngines(
      inputs({
        env: { DOCKER_HOST: viaLink },
        wellKnownSockets: [
          { endpoint: native.endpoint, label: 'Docker on this Linux machine' },
          { endpoint: desktop.endpoint, label: 'Docker Desktop' },
        ],
      }),
    );

    expect(summary(found)).toEqual([
      {
        label: expect.stringMatching(/^Docker at /),
        source: 'docker-host',
        endpoint: viaLink,
        state: 'reachable',
      },
      {
        label: 'Docker Desktop',
        source: 'well-known-socket',
        endpoint: desktop.endpoint,
        state: 'reachable',
      },
    ]);
    expect(found[0]).toMatchObject({ id: viaLink, apiVersion: '1.47' });
    // Folded before probing: the native socket was asked once, not twice.
    expect(native.requests).toEqual(['/_ping']);
  });

  it('lists the current context from config.json after DOCKER_HOST, named by its product', async () => {
    const colima = await engineAt('.colima', 'default', 'docker.sock');
    const configDir = path.join(home, '.docker');
    await storeContext(configDir, 'colima', { Host: colima.endpoint });
    await setCurrentContext(configDir, 'colima');
    const other = await engineAt('host.sock');

    const found = await discoverEngines(inputs({ env: { DOCKER_HOST: other.endpoint } }));

    expect(summary(found)).toEqual([
      {
        label: expect.stringMatching(/^Docker at /),
        source: 'docker-host',
        endpoint: other.endpoint,
        state: 'reachable',
      },
      {
        label: 'Colima (docker context colima)',
        source: 'docker-context',
        endpoint: colima.endpoint,
        state: 'reachable',
      },
    ]);
  });

  it('lets DOCKER_CONTEXT override config.json, and honours DOCKER_CONFIG', async () => {
    const configDir = path.join(home, 'elsewhere');
    const orb = await engineAt('.orbstack', 'run', 'docker.sock');
    await storeContext(configDir, 'orbstack', { Host: orb.endpoint });
    await storeContext(configDir, 'colima', { Host: 'unix:///nowhere/docker.sock' });
    await setCurrentContext(configDir, 'colima');

    const found = await discoverEngines(
      inputs({ env: { DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'orbstack' } }),
    );

    expect(summary(found)).toEqual([
      {
        label: 'OrbStack (docker context orbstack, the current context)',
        source: 'docker-context',
        endpoint: orb.endpoint,
        state: 'reachable',
      },
      {
        label: 'Colima (docker context colima)',
        source: 'docker-context',
        endpoint: 'unix:///nowhere/docker.sock',
        state: 'unreachable',
      },
    ]);
  });

  it('lists a missing DOCKER_HOST socket, but drops well-known sockets that do not exist', async () => {
    const missing = `unix://${path.join(home, 'gone.sock')}`;

    const found = await discoverEngines(
      inputs({
        env: { DOCKER_HOST: missing },
        wellKnownSockets: [
          { endpoint: `unix://${path.join(home, 'colima.sock')}`, label: 'Colima' },
        ],
      }),
    );

    expect(found).toEqual([
      {
        id: missing,
        label: expect.stringMatching(/^Docker at /),
        source: 'docker-host',
        endpoint: missing,
        state: 'unreachable',
        detail: `Not found: ${path.join(home, 'gone.sock')} does not exist.`,
      },
    ]);
  });

  it('lists missing well-known sockets as not found when asked to show where it looked', async () => {
    const colima = `unix://${path.join(home, 'colima.sock')}`;

    const found = await discoverEngines(
      inputs({ includeMissing: true, wellKnownSockets: [{ endpoint: colima, label: 'Colima' }] }),
    );

    expect(found).toMatchObject([
      { label: 'Colima', state: 'unreachable', detail: expect.stringMatching(/^Not found/) },
    ]);
  });

  it('lists a current context that does not exist, and says so', async () => {
    const found = await discoverEngines(inputs({ env: { DOCKER_CONTEXT: 'ghost' } }));

    expect(found).toEqual([
      {
        id: 'context:ghost',
        label: 'Docker context ghost (the current context)',
        source: 'docker-context',
        endpoint: '',
        state: 'unreachable',
        detail: expect.stringContaining('"ghost" (named by DOCKER_CONTEXT) does not exist'),
      },
    ]);
  });

  it('reports an unreadable config.json as a candidate instead of failing discovery', async () => {
    await mkdir(path.join(home, '.docker'));
    await writeFile(path.join(home, '.docker', 'config.json'), '{');
    const native = await engineAt('docker.sock');

    const found = await discoverEngines(
      inputs({
        wellKnownSockets: [{ endpoint: native.endpoint, label: 'Docker on this Linux machine' }],
      }),
    );

    expect(summary(found)).toEqual([
      { label: 'Current context', source: 'docker-context', endpoint: '', state: 'unreachable' },
      {
        label: 'Docker on this Linux machine',
        source: 'well-known-socket',
        endpoint: native.endpoint,
        state: 'reachable',
      },
    ]);
    expect(found[0]?.detail).toContain('config.json is not valid JSON');
  });

  it('probes all candidates at once, so a silent one costs one deadline, not one each', async () => {
    const silent: RunningSocket[] = [];
    for (const name of ['a.sock', 'b.sock', 'c.sock']) {
      const s = await startSilentSocket(path.join(home, name));
      running.push(s);
      silent.push(s);
    }
    const timeoutMs = 300;

    const started = performance.now();
    const found = await discoverEngines(
      inputs({
        timeoutMs,
        wellKnownSockets: silent.map((s) => ({ endpoint: s.endpoint, label: 'Silent' })),
      }),
    );
    const elapsed = performance.now() - started;

    expect(found.map((c) => c.state)).toEqual(['timeout', 'timeout', 'timeout']);
    // Three in sequence would take 3 deadlines; at once it takes about one.
    expect(elapsed).toBeLessThan(timeoutMs * 2);
  });

  it('passes DOCKER_TLS_VERIFY to the probe for DOCKER_HOST and the platform for hints', async () => {
    const calls: [string, ProbeOptions][] = [];
    const probe: ProbeFn = async (endpoint, opts) => {
      calls.push([endpoint, opts]);
      return { state: 'reachable' };
    };

    await discoverEngines(
      inputs({
        platform: 'darwin',
        probe,
        env: { DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1' },
      }),
    );

    expect(calls).toEqual([
      [
        'tcp://10.0.0.5:2376',
        { timeoutMs: 2000, tls: true, certPath: path.join(home, '.docker'), platform: 'darwin' },
      ],
    ]);
  });

  it('turns a probe that throws into an unknown candidate instead of failing discovery', async () => {
    const probe: ProbeFn = async () => {
      throw new Error('probe exploded');
    };

    const found = await discoverEngines(
      inputs({ probe, env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' } }),
    );

    expect(found).toMatchObject([
      { state: 'unknown', detail: expect.stringContaining('probe exploded') },
    ]);
  });

  it('folds tcp endpoints that differ only in case, and named pipes likewise', async () => {
    const probe: ProbeFn = async () => ({ state: 'unreachable' });

    const found = await discoverEngines(
      inputs({
        probe,
        platform: 'win32',
        env: { DOCKER_HOST: 'npipe:////./pipe/Docker_Engine' },
        wellKnownSockets: [
          { endpoint: 'npipe:////./pipe/docker_engine', label: 'Docker Desktop' },
          { endpoint: 'tcp://Build.Example:2375', label: 'A' },
          { endpoint: 'tcp://build.example:2375', label: 'B' },
        ],
      }),
    );

    expect(found.map((c) => c.label)).toEqual(['Docker at npipe:////./pipe/Docker_Engine', 'A']);
  });
});

describe('pickDefault', () => {
  const candidate = (label: string, state: EngineCandidate['state']): EngineCandidate => ({
    id: label,
    label,
    source: 'well-known-socket',
    endpoint: `unix:///${label}`,
    state,
  });

  it('picks the first reachable candidate in discovery order', () => {
    expect(
      pickDefault([
        candidate('a', 'permission-denied'),
        candidate('b', 'reachable'),
        candidate('c', 'reachable'),
      ])?.label,
    ).toBe('b');
  });

  it('picks nothing when none is reachable, so the managed engine starts', () => {
    expect(pickDefault([candidate('a', 'timeout'), candidate('b', 'unreachable')])).toBeNull();
    expect(pickDefault([])).toBeNull();
  });
});

describe('noEngineAdvice', () => {
  it('tells Linux users without dockerd what to install', () => {
    const advice = noEngineAdvice('linux', false);

    expect(advice).toContain('sudo apt-get install docker.io');
    expect(advice).toContain("your distribution's docker package");
  });

  it('tells Linux users with dockerd that Berth starts its own engine', () => {
    expect(noEngineAdvice('linux', true)).toContain('starts its own private engine');
  });

  it('on macOS and Windows, says Berth starts its own Linux VM (naming QEMU) and names the engines it finds there', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const advice = noEngineAdvice(platform, false);
      expect(advice).toContain('Berth starts its own in a small Linux VM');
      expect(advice).toContain('QEMU');
      expect(advice).toContain('Berth finds it: press Retry on the Engine page');
    }
    for (const tool of ['Docker Desktop', 'Colima', 'Rancher Desktop', 'OrbStack', 'Podman']) {
      expect(noEngineAdvice('darwin', false)).toContain(tool);
    }
    // Colima and OrbStack are macOS tools; Windows gets what runs there.
    for (const tool of ['Docker Desktop', 'Rancher Desktop', 'Podman Desktop']) {
      expect(noEngineAdvice('win32', false)).toContain(tool);
    }
  });
});

describe('contextLabel', () => {
  it('names a context after its product where the name says which, and otherwise as a context', () => {
    expect(contextLabel('colima')).toBe('Colima (docker context colima)');
    expect(contextLabel('colima-work')).toBe('Colima (docker context colima-work)');
    expect(contextLabel('desktop-linux')).toBe('Docker Desktop (docker context desktop-linux)');
    expect(contextLabel('rancher-desktop')).toBe(
      'Rancher Desktop (docker context rancher-desktop)',
    );
    expect(contextLabel('staging')).toBe('Docker context staging');
  });
});
