// The command line of the managed dockerd. Every path is private to the app so
// it can run beside a system engine: its own config file (a host's
// /etc/docker/daemon.json may set `hosts` and clash with ours), data-root,
// exec-root, pidfile, socket, bridge and containerd namespaces.

import type { EngineLayout } from './managed-layout.ts';

interface DockerdSettings {
  layout: EngineLayout;
  bridge: string;
  /**
   * Off beside another engine (two daemons rewriting the same DOCKER chains
   * break each other); on when ours is the only one, since containers need
   * NAT for outbound traffic.
   */
  iptables: boolean;
  /** `--default-address-pool` base (a /16), required when iptables is on. */
  addressPool?: string;
  containerdNamespace: string;
  containerdPluginsNamespace: string;
  extraArgs?: readonly string[];
}

export function dockerdArgs(s: DockerdSettings): string[] {
  if (s.iptables && !s.addressPool) {
    throw new Error('dockerdArgs: iptables on needs an address pool that no route uses');
  }
  const args = [
    `--config-file=${s.layout.configFile}`,
    `--data-root=${s.layout.dataRoot}`,
    `--exec-root=${s.layout.execRoot}`,
    `--pidfile=${s.layout.pidFile}`,
    `--host=unix://${s.layout.socketPath}`,
    // Never --bridge=none: a dockerd without a bridge deletes the host's docker0.
    `--bridge=${s.bridge}`,
    `--iptables=${s.iptables}`,
    `--containerd-namespace=${s.containerdNamespace}`,
    `--containerd-plugins-namespace=${s.containerdPluginsNamespace}`,
  ];
  if (s.iptables && s.addressPool) {
    args.push(`--default-address-pool=base=${s.addressPool},size=24`);
  }
  return [...args, ...(s.extraArgs ?? [])];
}
