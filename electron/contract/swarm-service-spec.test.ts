import { describe, expect, it } from 'vitest';
import {
  serviceCreateArgs,
  serviceCreateSpec,
  type ServiceCreateSpec,
} from './swarm-service-spec.ts';

const base: ServiceCreateSpec = {
  image: 'nginx:1.27',
  env: [],
  ports: [],
  volumes: [],
  mode: 'replicated',
  constraints: [],
  labels: {},
};

describe('a new service', () => {
  it('is written as docker service create, every option before the image', () => {
    const spec: ServiceCreateSpec = {
      ...base,
      name: 'web',
      replicas: 4,
      command: ['nginx', '-g', 'daemon off;'],
      env: ['A=1'],
      ports: [
        { containerPort: 80, protocol: 'tcp', hostPort: 8080 },
        { containerPort: 53, protocol: 'udp' },
      ],
      volumes: [
        { type: 'volume', source: 'data', target: '/data', readOnly: false },
        { type: 'bind', source: '/srv/a,b', target: '/b', readOnly: true },
        { type: 'anonymous', target: '/tmp/x', readOnly: false },
      ],
      constraints: ['node.role==worker'],
      labels: { tier: 'front' },
    };
    expect(serviceCreateArgs(spec)).toEqual([
      'service',
      'create',
      '--name',
      'web',
      '--replicas',
      '4',
      '--constraint',
      'node.role==worker',
      '--env',
      'A=1',
      '--publish',
      'published=8080,target=80,protocol=tcp',
      '--publish',
      'target=53,protocol=udp',
      '--mount',
      'type=volume,source=data,target=/data',
      '--mount',
      'type=bind,"source=/srv/a,b",target=/b,readonly',
      '--mount',
      'type=volume,target=/tmp/x',
      '--label',
      'tier=front',
      'nginx:1.27',
      'nginx',
      '-g',
      'daemon off;',
    ]);
    expect(serviceCreateArgs({ ...base, mode: 'global' })).toEqual([
      'service',
      'create',
      '--mode',
      'global',
      'nginx:1.27',
    ]);
  });

  it('refuses what a service cannot have, with the reason', () => {
    const problems = (spec: object) =>
      serviceCreateSpec.safeParse(spec).error?.issues.map((i) => i.message) ?? [];
    expect(problems({ ...base, mode: 'global', replicas: 2 })).toEqual([
      'A global service runs one task on every node: it takes no replica count',
    ]);
    expect(
      problems({ ...base, ports: [{ containerPort: 80, protocol: 'tcp', hostIp: '127.0.0.1' }] }),
    ).toEqual(['A service publishes its ports on every node: it takes no host IP']);
    expect(problems({ ...base, env: ['NOVALUE'] })[0]).toMatch(/NAME=value/);
    expect(problems({ ...base, replicas: -3 })[0]).toMatch(/negative/);
    expect(problems({ ...base, name: 'web_' })).toHaveLength(1);
    expect(problems({ ...base, image: '-x' })).toHaveLength(1);
    expect(problems({ ...base, constraints: ['node.role=manager'] })).toHaveLength(1);
    expect(problems({ ...base, extra: true })).toHaveLength(1);
    expect(problems(base)).toEqual([]);
  });
});
