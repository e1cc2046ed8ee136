// Where the managed engine keeps its files, and the endpoint a client uses.
// Everything lives under `<dataDir>/engine`, except that unix socket paths are
// limited to 107 bytes: when the data folder is deep, the socket and the
// exec-root (which holds containerd's sockets) move to a short folder named
// after a hash of the data folder, so every session finds the same place.

import { createHash } from 'node:crypto';
import path from 'node:path';

/** sun_path holds 108 bytes including the terminating NUL. */
export const maxSocketPathBytes = 107;

/** The longest socket dockerd's own containerd creates under the exec-root. */
const longestExecRootSocket = '/containerd/containerd.sock.ttrpc';

export interface EngineLayout {
  engineDir: string;
  dataRoot: string;
  execRoot: string;
  socketPath: string;
  pidFile: string;
  logFile: string;
  /** The log of the run before, kept so a crash's cause survives a restart. */
  previousLogFile: string;
  configFile: string;
  /** The short folder used for the socket or exec-root, when one was needed. */
  shortDir?: string;
}

function fits(p: string): boolean {
  return Buffer.byteLength(p) <= maxSocketPathBytes;
}

/**
 * @param shortBase where a short folder goes when paths are too long (`/run`
 *   for root; the caller picks something writable).
 */
export function engineLayout(dataDir: string, shortBase = '/run'): EngineLayout {
  const engineDir = path.join(path.resolve(dataDir), 'engine');
  const hash = createHash('sha256').update(engineDir).digest('hex').slice(0, 10);
  const shortDir = path.join(shortBase, `berth-${hash}`);
  let socketPath = path.join(engineDir, 'run', 'docker.sock');
  let execRoot = path.join(engineDir, 'exec');
  let usedShort = false;
  if (!fits(socketPath)) {
    socketPath = path.join(shortDir, 'docker.sock');
    usedShort = true;
  }
  if (!fits(execRoot + longestExecRootSocket)) {
    execRoot = path.join(shortDir, 'exec');
    usedShort = true;
  }
  const layout: EngineLayout = {
    engineDir,
    dataRoot: path.join(engineDir, 'data'),
    execRoot,
    socketPath,
    pidFile: path.join(engineDir, 'dockerd.pid'),
    logFile: path.join(engineDir, 'dockerd.log'),
    previousLogFile: path.join(engineDir, 'dockerd.previous.log'),
    configFile: path.join(engineDir, 'daemon.json'),
  };
  if (usedShort) layout.shortDir = shortDir;
  return layout;
}

/** The endpoint the app dials, and the line a user types to reach the same engine. */
export function engineEndpoint(layout: Pick<EngineLayout, 'socketPath'>): {
  endpoint: string;
  dockerHost: string;
} {
  const endpoint = `unix://${layout.socketPath}`;
  return { endpoint, dockerHost: `DOCKER_HOST=${endpoint}` };
}

/**
 * The managed engine's own bridge, named after its data folder so that a test's
 * engine never shares the user's (interface names hold 15 bytes at most).
 */
export function managedBridgeName(dataDir: string): string {
  return `berth${dataDirSuffix(dataDir)}`;
}

/** A short hash of the data folder, for names that must differ per folder. */
export function dataDirSuffix(dataDir: string): string {
  return createHash('sha256').update(dataDir).digest('hex').slice(0, 6);
}
