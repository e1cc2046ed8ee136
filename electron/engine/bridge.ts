// The managed engine's own Linux bridge. dockerd only creates docker0 by
// itself; for any other --bridge the interface must exist with an address.
// Giving the engine its own bridge is what lets it run beside a system
// dockerd without touching docker0: a dockerd started with --bridge=none
// deletes the host's docker0, and the system engine's containers then fail
// with "could not find bridge docker0".

import { access } from 'node:fs/promises';
import { runCommand, type RunCommand } from './run-command.ts';

/** Interface names are at most 15 bytes (IFNAMSIZ - 1). */
export function isValidBridgeName(name: string): boolean {
  return /^[A-Za-z0-9_.-]{1,15}$/.test(name);
}

async function exists(p: string): Promise<boolean> {
  try {
    await access(p);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

interface BridgeState {
  exists: boolean;
  isBridge: boolean;
  /** IPv4 addresses as CIDR (`172.31.250.1/24`). */
  addresses: string[];
}

interface IpAddrJson {
  addr_info?: Array<{ family?: string; local?: string; prefixlen?: number }>;
}

async function readBridge(name: string, run: RunCommand = runCommand): Promise<BridgeState> {
  if (!(await exists(`/sys/class/net/${name}`))) {
    return { exists: false, isBridge: false, addresses: [] };
  }
  const isBridge = await exists(`/sys/class/net/${name}/bridge`);
  const { stdout } = await run('ip', ['-j', '-4', 'addr', 'show', 'dev', name]);
  const parsed = JSON.parse(stdout || '[]') as IpAddrJson[];
  const addresses = parsed.flatMap((link) =>
    (link.addr_info ?? [])
      .filter((a) => a.family === 'inet' && a.local && a.prefixlen !== undefined)
      .map((a) => `${a.local}/${a.prefixlen}`),
  );
  return { exists: true, isBridge, addresses };
}

/**
 * Makes sure bridge `name` exists, is up and has an address. An existing
 * address is kept (the engine's networks were made on it); `cidr` is used
 * only for a bridge without one. Returns the address in use.
 */
export async function ensureBridge(
  name: string,
  cidr: () => string,
  run: RunCommand = runCommand,
): Promise<{ cidr: string; created: boolean }> {
  if (!isValidBridgeName(name)) throw new Error(`"${name}" is not a valid interface name`);
  const state = await readBridge(name, run);
  if (state.exists && !state.isBridge) {
    throw new Error(`${name} exists but is not a bridge; pick another bridge name`);
  }
  if (!state.exists) await run('ip', ['link', 'add', name, 'type', 'bridge']);
  let address = state.addresses[0];
  if (address === undefined) {
    address = cidr();
    await run('ip', ['addr', 'add', address, 'dev', name]);
  }
  await run('ip', ['link', 'set', name, 'up']);
  return { cidr: address, created: !state.exists };
}

/** Deletes the bridge if it exists; true when something was deleted. */
export async function deleteBridge(name: string, run: RunCommand = runCommand): Promise<boolean> {
  if (!(await exists(`/sys/class/net/${name}`))) return false;
  await run('ip', ['link', 'del', name]);
  return true;
}
