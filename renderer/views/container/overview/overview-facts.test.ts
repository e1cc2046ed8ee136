import { describe, expect, it } from 'vitest';
import { overviewFacts } from './overview-facts.ts';

describe('overviewFacts', () => {
  it('reads image, command, state, networks and mounts from docker inspect', () => {
    const facts = overviewFacts({
      Path: 'sh',
      Args: ['-c', 'echo boom >&2; exit 3'],
      Config: { Image: 'busybox:latest' },
      State: {
        Status: 'exited',
        ExitCode: 3,
        OOMKilled: false,
        Error: '',
        StartedAt: '2026-12-01T10:00:00Z',
        FinishedAt: '2026-12-01T10:00:01Z',
      },
      HostConfig: { AutoRemove: true },
      NetworkSettings: {
        Networks: { web: { IPAddress: '172.20.0.2' }, bridge: { IPAddress: '172.17.0.3' } },
      },
      Mounts: [
        {
          Type: 'volume',
          Name: 'data',
          Source: '/var/lib/docker/volumes/data/_data',
          Destination: '/data',
          RW: true,
        },
        { Type: 'bind', Source: '/srv/site', Destination: '/www', RW: false },
      ],
    });
    expect(facts).toEqual({
      image: 'busybox:latest',
      command: 'sh -c "echo boom >&2; exit 3"',
      state: { Status: 'exited', ExitCode: 3, OOMKilled: false, Error: '' },
      startedAt: '2026-12-01T10:00:00Z',
      finishedAt: '2026-12-01T10:00:01Z',
      networks: [
        { name: 'bridge', ip: '172.17.0.3' },
        { name: 'web', ip: '172.20.0.2' },
      ],
      mounts: [
        { type: 'volume', source: 'data', destination: '/data', readOnly: false },
        { type: 'bind', source: '/srv/site', destination: '/www', readOnly: true },
      ],
      autoRemove: true,
    });
  });

  it("leaves out the engine's zero time and survives missing fields", () => {
    const facts = overviewFacts({
      State: { Status: 'created', StartedAt: '0001-01-01T00:00:00Z' },
    });
    expect(facts.startedAt).toBeUndefined();
    expect(facts).toMatchObject({
      image: '',
      command: '',
      networks: [],
      mounts: [],
      autoRemove: false,
    });
  });
});
