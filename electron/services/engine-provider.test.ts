import { describe, expect, it } from 'vitest';
import type { FoundEngine } from '../engine/discovery.ts';
import { foundEngines } from './engine-provider.ts';

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
