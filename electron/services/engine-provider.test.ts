import { describe, expect, it } from 'vitest';
import type { FoundEngine } from '../engine/discovery.ts';
import { foundEngines, withoutOwnContext } from './engine-provider.ts';

const tlsEngine: FoundEngine = {
  id: 'context:secure',
  label: 'Docker context secure',
  source: 'docker-context',
  endpoint: 'tcp://10.0.0.2:2376',
  state: 'reachable',
  cliContext: 'secure',
  certPath: '/home/me/.docker/contexts/tls/abc/docker',
};
const socketEngine: FoundEngine = {
  id: 'unix:///var/run/docker.sock',
  label: 'Docker on this Linux machine',
  source: 'well-known-socket',
  endpoint: 'unix:///var/run/docker.sock',
  state: 'reachable',
};

describe('foundEngines', () => {
  it('connects a TLS engine with its certificates, and keeps their folder from the candidates', async () => {
    let found = [tlsEngine, socketEngine];
    const provider = foundEngines(async () => found);

    const candidates = await provider.candidates();

    expect(candidates.map((c) => Object.keys(c).includes('certPath'))).toEqual([false, false]);
    expect(provider.connect(candidates[0]!)).toEqual({
      url: 'tcp://10.0.0.2:2376',
      certPath: '/home/me/.docker/contexts/tls/abc/docker',
    });
    expect(provider.connect(candidates[1]!)).toEqual({ url: 'unix:///var/run/docker.sock' });

    // A later look that no longer finds it leaves a live connection its certificates.
    found = [socketEngine];
    await provider.candidates();
    expect(provider.connect(candidates[0]!)).toMatchObject({ certPath: tlsEngine.certPath });
  });
});

describe('withoutOwnContext', () => {
  it('drops the context Berth wrote for its own engine, by socket or (the VM) by name', () => {
    const own = {
      ...socketEngine,
      id: 'context:berth',
      source: 'docker-context' as const,
      cliContext: 'berth',
    };
    const vm = {
      ...tlsEngine,
      id: 'context:berth-vm',
      cliContext: 'berth-vm',
      endpoint: 'tcp://127.0.0.1:1',
    };
    const broken = {
      ...socketEngine,
      id: 'context:current',
      source: 'docker-context' as const,
      endpoint: '',
    };
    const found = [tlsEngine, socketEngine, own, vm, broken];

    expect(withoutOwnContext(found, { url: socketEngine.endpoint }).map((c) => c.id)).toEqual([
      'context:secure',
      'unix:///var/run/docker.sock',
      'context:berth-vm',
      'context:current',
    ]);
    expect(
      withoutOwnContext(found, { url: 'tcp://127.0.0.1:2', context: 'berth-vm' }).map((c) => c.id),
    ).toEqual([
      'context:secure',
      'unix:///var/run/docker.sock',
      'context:berth',
      'context:current',
    ]);
    expect(withoutOwnContext(found, {})).toHaveLength(5);
  });
});
