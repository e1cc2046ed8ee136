import { describe, expect, it } from 'vitest';
import { formatPorts, formatVolumes } from './format.ts';
import { parsePorts, parseVolumes } from './parse.ts';
import type { PortSpec, VolumeSpec } from './spec.ts';

describe('formatPorts', () => {
  const ports: PortSpec[] = [
    { containerPort: 80, protocol: 'tcp', hostPort: 8080 },
    { containerPort: 53, protocol: 'udp' },
    { containerPort: 443, protocol: 'tcp', hostPort: 8443, hostIp: '127.0.0.1' },
    { containerPort: 22, protocol: 'tcp', hostIp: '127.0.0.1' },
    { containerPort: 9000, protocol: 'tcp', hostPort: 9000, hostIp: '::1' },
  ];

  it('writes the CLI syntax', () => {
    expect(formatPorts(ports)).toBe(
      '8080:80/tcp\n53/udp\n127.0.0.1:8443:443/tcp\n127.0.0.1::22/tcp\n[::1]:9000:9000/tcp',
    );
  });

  it('reads back as the same ports', () => {
    expect(parsePorts(formatPorts(ports))).toEqual({ ok: true, value: ports });
  });
});

describe('formatVolumes', () => {
  const volumes: VolumeSpec[] = [
    { type: 'volume', source: 'data', target: '/data', readOnly: false },
    { type: 'bind', source: '/srv/site', target: '/site', readOnly: true },
    { type: 'anonymous', target: '/cache', readOnly: false },
  ];

  it('writes the CLI syntax and reads back as the same volumes', () => {
    expect(formatVolumes(volumes)).toBe('data:/data\n/srv/site:/site:ro\n/cache');
    expect(parseVolumes(formatVolumes(volumes))).toEqual({ ok: true, value: volumes });
  });
});
