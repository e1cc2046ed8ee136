// The run spec's lists written back in the CLI syntax the text fields take,
// one entry a line: what parse.ts reads, this writes.
import type { PortSpec, VolumeSpec } from './spec.ts';

export function formatPorts(ports: PortSpec[]): string {
  return ports
    .map((p) => {
      const ip = p.hostIp ? `${p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp}:` : '';
      const host = ip || p.hostPort ? `${ip}${p.hostPort ?? ''}:` : '';
      return `${host}${p.containerPort}/${p.protocol}`;
    })
    .join('\n');
}

export function formatVolumes(volumes: VolumeSpec[]): string {
  return volumes
    .map((v) => {
      const mode = v.readOnly ? ':ro' : '';
      return v.type === 'anonymous' ? `${v.target}${mode}` : `${v.source}:${v.target}${mode}`;
    })
    .join('\n');
}
