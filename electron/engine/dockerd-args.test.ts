import { describe, expect, it } from 'vitest';
import { dockerdArgs } from './dockerd-args.ts';
import { engineLayout } from './managed-layout.ts';

const layout = engineLayout('/var/lib/berth');
const base = {
  layout,
  bridge: 'berth0',
  containerdNamespace: 'berth',
  containerdPluginsNamespace: 'berth-plugins',
};

describe('dockerdArgs', () => {
  it('keeps every path, the bridge and the containerd namespaces private', () => {
    expect(dockerdArgs({ ...base, iptables: false })).toEqual([
      '--config-file=/var/lib/berth/engine/daemon.json',
      '--data-root=/var/lib/berth/engine/data',
      '--exec-root=/var/lib/berth/engine/exec',
      '--pidfile=/var/lib/berth/engine/dockerd.pid',
      '--host=unix:///var/lib/berth/engine/run/docker.sock',
      '--bridge=berth0',
      '--iptables=false',
      '--containerd-namespace=berth',
      '--containerd-plugins-namespace=berth-plugins',
    ]);
  });

  it('never disables the bridge, which would delete the host’s docker0', () => {
    const args = dockerdArgs({ ...base, iptables: false });
    expect(args).not.toContain('--bridge=none');
    expect(args.filter((a) => a.startsWith('--bridge='))).toEqual(['--bridge=berth0']);
  });

  it('gives the engine its own address pool when iptables is on', () => {
    const args = dockerdArgs({ ...base, iptables: true, addressPool: '10.210.0.0/16' });
    expect(args).toContain('--iptables=true');
    expect(args).toContain('--default-address-pool=base=10.210.0.0/16,size=24');
  });

  it('refuses iptables on without an address pool', () => {
    expect(() => dockerdArgs({ ...base, iptables: true })).toThrow(/address pool/);
  });

  it('appends extra arguments last', () => {
    expect(dockerdArgs({ ...base, iptables: false, extraArgs: ['--debug'] }).at(-1)).toBe(
      '--debug',
    );
  });
});
