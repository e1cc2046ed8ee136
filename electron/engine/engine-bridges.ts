// The host bridges a managed engine made for its user networks. dockerd makes
// one Linux bridge per bridge network (`br-<first 12 hex of its id>`, or the
// name in the `com.docker.network.bridge.name` option) and leaves it on the
// host when it stops; deleting its data forgets the network but not the
// interface. A reset therefore collects these names from three places: the
// engine itself while it runs, its network store on disk (which still names
// them after a crash), and the record a reset writes before it deletes
// anything (so a reset cut short finishes the job next time).
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deleteBridge, isValidBridgeName } from './bridge.ts';
import { getFromEndpoint } from './endpoint-request.ts';
import { runCommand, type RunCommand } from './run-command.ts';

export const BRIDGE_NAME_OPTION = 'com.docker.network.bridge.name';

interface NetworkInfo {
  Id: string;
  Name: string;
  Driver: string;
  Options?: Record<string, string> | null;
}

/** The host bridge of each user bridge network (the default `bridge` network uses the engine's own). */
export function bridgesOfNetworks(networks: readonly NetworkInfo[]): string[] {
  return networks
    .filter((n) => n.Driver === 'bridge' && n.Name !== 'bridge')
    .map((n) => n.Options?.[BRIDGE_NAME_OPTION] ?? `br-${n.Id.slice(0, 12)}`)
    .filter(isValidBridgeName);
}

/** Asks the running engine for its networks; null when it does not answer. */
export async function listNetworkBridges(
  socketPath: string,
  timeoutMs = 5_000,
): Promise<string[] | null> {
  const answer = await getFromEndpoint({ kind: 'unix', socketPath }, '/networks', {
    timeoutMs,
    // Thousands of networks make megabytes; a cut list would not parse.
    maxBodyBytes: 64 * 1024 * 1024,
  });
  if (answer.kind !== 'response' || answer.status !== 200) return null;
  try {
    return bridgesOfNetworks(JSON.parse(answer.body) as NetworkInfo[]);
  } catch {
    // Not the engine's list: the network store on disk still names the bridges.
    return null;
  }
}

/**
 * The bridge names in the engine's network store (libnetwork's bolt database
 * keeps each bridge network's settings as JSON with its `BridgeName`). Read as
 * bytes: a stale page may name a network removed long ago, which is harmless,
 * since only bridges that exist and hold no interfaces are deleted.
 */
export function bridgesInNetworkStore(bytes: Buffer): string[] {
  const text = bytes.toString('latin1');
  const names = new Set<string>();
  for (const m of text.matchAll(/"BridgeName":"([A-Za-z0-9_.-]{1,15})"/g)) names.add(m[1]!);
  return [...names];
}

export async function bridgesInEngineData(dataRoot: string): Promise<string[]> {
  const dir = path.join(dataRoot, 'network', 'files');
  let files: string[];
  try {
    files = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const names = new Set<string>();
  for (const file of files.filter((f) => f.endsWith('.db'))) {
    for (const name of bridgesInNetworkStore(await readFile(path.join(dir, file)))) names.add(name);
  }
  return [...names];
}

/** Where a reset writes the bridges it will delete, beside (not inside) the engine folder. */
export function bridgeRecordPath(dataDir: string): string {
  return path.join(dataDir, 'engine-bridges.json');
}

export async function readBridgeRecord(dataDir: string): Promise<string[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(bridgeRecordPath(dataDir), 'utf8'));
    return Array.isArray(parsed)
      ? parsed.filter((n): n is string => typeof n === 'string' && isValidBridgeName(n))
      : [];
  } catch (err) {
    // A missing record is the usual case; a damaged one holds nothing usable.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      console.warn('[engine] ignoring an unreadable bridge record:', (err as Error).message);
    return [];
  }
}

export async function writeBridgeRecord(dataDir: string, names: readonly string[]): Promise<void> {
  const file = bridgeRecordPath(dataDir);
  await writeFile(`${file}.tmp`, JSON.stringify([...new Set(names)]));
  await rename(`${file}.tmp`, file);
}

export async function clearBridgeRecord(dataDir: string): Promise<void> {
  await rm(bridgeRecordPath(dataDir), { force: true });
}

/** Interfaces enslaved to a bridge; a bridge with any is in use by someone. */
async function portsOf(name: string): Promise<string[]> {
  try {
    return await readdir(`/sys/class/net/${name}/brif`);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

async function isBridge(name: string): Promise<boolean> {
  try {
    await readdir(`/sys/class/net/${name}/bridge`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Deletes each named bridge that exists, is a bridge and holds no interfaces
 * (the engine is stopped, so its own hold none); returns what was deleted and
 * what was left, with why.
 */
export async function deleteIdleBridges(
  names: readonly string[],
  run: RunCommand = runCommand,
): Promise<{ deleted: string[]; kept: string[] }> {
  const deleted: string[] = [];
  const kept: string[] = [];
  for (const name of new Set(names)) {
    if (!isValidBridgeName(name) || !(await isBridge(name))) continue;
    const ports = await portsOf(name);
    if (ports.length > 0) {
      kept.push(`${name} (in use by ${ports.join(', ')})`);
      continue;
    }
    if (await deleteBridge(name, run)) deleted.push(name);
  }
  return { deleted, kept };
}
