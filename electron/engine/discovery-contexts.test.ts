// Every Docker context on the machine as a candidate: the current one first
// and marked, ids `context:NAME`, TLS files passed to the probe, contexts
// that reach the same engine as another lead merged, broken ones with why.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverEngines, type DiscoveryInputs } from './discovery.ts';
import { contextCertPath } from './docker-context.ts';
import { confinedInputs, storeContext as storeKnownContext } from './docker-context.testkit.ts';
import { makeTempDir, startFakeEngine, type RunningSocket } from './fake-engine.testkit.ts';
import type { ProbeFn, ProbeOptions } from './probe.ts';

let home: string;
let configDir: string;
let cleanup: () => Promise<void>;
const running: RunningSocket[] = [];

beforeEach(async () => {
  ({ dir: home, cleanup } = await makeTempDir('berth-ctx-'));
  configDir = path.join(home, '.docker');
});

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
  await cleanup();
});

function inputs(overrides: Partial<DiscoveryInputs> = {}): DiscoveryInputs {
  return confinedInputs(home, overrides);
}

function storeContext(
  name: string,
  docker: { Host: string; SkipTLSVerify?: boolean },
  tls = false,
): Promise<void> {
  return storeKnownContext(configDir, name, docker, { tls });
}

async function engineAt(name: string): Promise<RunningSocket> {
  const engine = await startFakeEngine(path.join(home, name));
  running.push(engine);
  return engine;
}

function recordingProbe(): { probe: ProbeFn; calls: [string, ProbeOptions][] } {
  const calls: [string, ProbeOptions][] = [];
  return {
    calls,
    probe: async (endpoint, opts) => {
      calls.push([endpoint, opts]);
      return { state: 'reachable', apiVersion: '1.41' };
    },
  };
}

describe('discovery of Docker contexts', () => {
  it('offers every context, the current one first and marked, each by its CLI name', async () => {
    const a = await engineAt('a.sock');
    const b = await engineAt('b.sock');
    const c = await engineAt('c.sock');
    await storeContext('alpha', { Host: a.endpoint });
    await storeContext('bravo', { Host: b.endpoint });
    await storeContext('colima', { Host: c.endpoint });
    await writeFile(
      path.join(configDir, 'config.json'),
      JSON.stringify({ currentContext: 'bravo' }),
    );

    const found = await discoverEngines(inputs());

    expect(found.map((f) => [f.id, f.label, f.cliContext, f.endpoint, f.state])).toEqual([
      [
        'context:bravo',
        'Docker context bravo (the current context)',
        'bravo',
        b.endpoint,
        'reachable',
      ],
      ['context:alpha', 'Docker context alpha', 'alpha', a.endpoint, 'reachable'],
      ['context:colima', 'Colima (docker context colima)', 'colima', c.endpoint, 'reachable'],
    ]);
  });

  it('marks no context current when DOCKER_HOST decides, as the CLI does', async () => {
    const { probe } = recordingProbe();
    await storeContext('bravo', { Host: 'tcp://10.1.1.1:2375' });
    await writeFile(
      path.join(configDir, 'config.json'),
      JSON.stringify({ currentContext: 'bravo' }),
    );

    const found = await discoverEngines(
      inputs({ probe, env: { DOCKER_HOST: 'tcp://10.2.2.2:2375' } }),
    );

    expect(found.map((f) => f.label)).toEqual([
      'Docker at tcp://10.2.2.2:2375',
      'Docker context bravo',
    ]);
  });

  it('probes a context with TLS files with them, and keeps their folder on the found engine', async () => {
    const { probe, calls } = recordingProbe();
    await storeContext('secure', { Host: 'tcp://10.1.1.1:2376' }, true);

    const found = await discoverEngines(inputs({ probe }));

    const certPath = contextCertPath(configDir, 'secure');
    expect(calls).toEqual([
      [
        'tcp://10.1.1.1:2376',
        { timeoutMs: 2000, tls: true, certPath, context: 'secure', platform: 'linux' },
      ],
    ]);
    expect(found).toMatchObject([{ id: 'context:secure', certPath, cliContext: 'secure' }]);
  });

  it('reads DOCKER_CERT_PATH for DOCKER_HOST with DOCKER_TLS_VERIFY', async () => {
    const { probe, calls } = recordingProbe();
    const env = {
      DOCKER_HOST: 'tcp://10.0.0.5:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/certs',
    };

    const found = await discoverEngines(inputs({ probe, env }));

    expect(calls[0]?.[1]).toMatchObject({ tls: true, certPath: '/certs' });
    expect(found[0]).toMatchObject({ id: 'tcp://10.0.0.5:2376', certPath: '/certs' });
  });

  it('merges a context that reaches a well-known socket into one row named by the context', async () => {
    const native = await engineAt('docker.sock');
    await storeContext('local', { Host: native.endpoint });

    const found = await discoverEngines(
      inputs({
        wellKnownSockets: [{ endpoint: native.endpoint, label: 'Docker on this Linux machine' }],
      }),
    );

    expect(found.map((f) => [f.id, f.label, f.cliContext])).toEqual([
      ['context:local', 'Docker context local', 'local'],
    ]);
    expect(native.requests).toEqual(['/_ping']);
  });

  it('keeps DOCKER_HOST when a context reaches the same engine, lending it the context name', async () => {
    const { probe, calls } = recordingProbe();
    await storeContext('build', { Host: 'tcp://build.example:2375' });
    // Another context for the same engine (perhaps other certificates) stays a row of its own.
    await storeContext('build-again', { Host: 'tcp://BUILD.example:2375' });

    const found = await discoverEngines(
      inputs({ probe, env: { DOCKER_HOST: 'tcp://build.example:2375' } }),
    );

    expect(found.map((f) => [f.id, f.label, f.cliContext])).toEqual([
      [
        'tcp://build.example:2375',
        'Docker at tcp://build.example:2375 (docker context build)',
        'build',
      ],
      ['context:build-again', 'Docker context build-again', 'build-again'],
    ]);
    expect(calls).toHaveLength(2);
  });

  it('keeps a context with TLS files apart from DOCKER_HOST at the same address', async () => {
    const { probe } = recordingProbe();
    await storeContext('secure', { Host: 'tcp://10.1.1.1:2376' }, true);

    const found = await discoverEngines(
      inputs({
        probe,
        env: {
          DOCKER_HOST: 'tcp://10.1.1.1:2376',
          DOCKER_TLS_VERIFY: '1',
          DOCKER_CERT_PATH: '/certs',
        },
      }),
    );

    expect(found.map((f) => [f.id, f.certPath])).toEqual([
      ['tcp://10.1.1.1:2376', '/certs'],
      ['context:secure', contextCertPath(configDir, 'secure')],
    ]);
  });

  it('never talks to a SkipTLSVerify context without certificates, and says why and what to do', async () => {
    const { probe, calls } = recordingProbe();
    await storeContext('lax', { Host: 'tcp://10.1.1.1:2376', SkipTLSVerify: true });
    await storeContext('lax-certs', { Host: 'tcp://10.1.1.2:2376', SkipTLSVerify: true }, true);

    const found = await discoverEngines(inputs({ probe }));

    expect(found.find((f) => f.id === 'context:lax')).toMatchObject({
      state: 'unreachable',
      detail: expect.stringContaining(
        'Berth never talks to an engine whose certificate it cannot check',
      ),
      hint: expect.stringContaining('docker context update lax'),
    });
    // With certificates it is probed, verified all the same.
    expect(calls).toEqual([
      ['tcp://10.1.1.2:2376', expect.objectContaining({ tls: true, skipVerifyAsked: true })],
    ]);
  });

  it('lists unreadable contexts and those without a docker endpoint, each with why', async () => {
    await storeContext('k8s-only', { Host: '' });
    const broken = path.join(configDir, 'contexts', 'meta', 'f'.repeat(64));
    await mkdir(broken, { recursive: true });
    await writeFile(path.join(broken, 'meta.json'), '{"Name":');

    const found = await discoverEngines(inputs());

    expect(found).toMatchObject([
      {
        id: 'context:k8s-only',
        state: 'unreachable',
        detail: 'Docker context "k8s-only" has no Docker endpoint.',
      },
      {
        label: 'Unreadable Docker context',
        state: 'unreachable',
        detail: expect.stringContaining(`${path.join(broken, 'meta.json')} is not valid JSON`),
      },
    ]);
  });
});
