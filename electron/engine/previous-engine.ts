// What an earlier session left behind. The app may have been killed while its
// dockerd kept running (dockerd runs in its own session, so it survives), or
// the machine may have crashed, leaving pidfiles that name dead or reused
// pids. Either we adopt the one healthy dockerd for our data-root, or we end
// every dockerd serving it and clear its files: never two daemons on one root.

import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from './clock.ts';
import type { EngineLayout } from './managed-layout.ts';
import {
  findDockerds,
  isLive,
  readProcess,
  terminateProcess,
  type ProcessInfo,
} from './processes.ts';
import { pingEndpoint } from './endpoint-request.ts';

interface PreviousEngine {
  /** The dockerd we adopt, when one runs and answers. */
  adopted?: ProcessInfo;
  /** Pids of dockerds we ended because they did not answer (or were not alone). */
  stopped: number[];
  /** Stale files we removed. */
  removed: string[];
}

async function readPid(file: string): Promise<number | null> {
  try {
    const pid = Number.parseInt((await readFile(file, 'utf8')).trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function removeIfPresent(file: string, removed: string[]): Promise<void> {
  try {
    await rm(file);
    removed.push(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * dockerd reuses a containerd whose pidfile names a live process; after a
 * reboot that pid may belong to anything, so a stale one must go.
 */
async function isOurContainerd(pid: number, execRoot: string): Promise<boolean> {
  const info = await readProcess(pid);
  return (
    isLive(info) &&
    path.basename(info.argv[0] ?? '') === 'containerd' &&
    info.argv.some((a) => a.includes(execRoot))
  );
}

export async function settlePreviousEngine(
  layout: EngineLayout,
  opts: { clock: Clock; signal: AbortSignal; graceMs: number; killMs: number },
): Promise<PreviousEngine> {
  const found = await findDockerds(layout.dataRoot);
  const only = found.length === 1 ? found[0] : undefined;
  if (only) {
    const ping = await pingEndpoint(
      { url: `unix://${layout.socketPath}` },
      { timeoutMs: 2_000, signal: opts.signal },
    );
    if (ping.ok) return { adopted: only, stopped: [], removed: [] };
  }
  const stopped: number[] = [];
  for (const engine of found) {
    const gone = await terminateProcess(engine.pid, opts.clock, opts);
    if (!gone) {
      throw new Error(
        `dockerd ${engine.pid}, left by an earlier session, did not exit even after SIGKILL`,
      );
    }
    stopped.push(engine.pid);
  }
  return { stopped, removed: await removeStaleFiles(layout) };
}

/**
 * Removes the pidfile, socket and a stale containerd pidfile when no dockerd
 * serves the data-root (dockerd refuses to start while its pidfile's pid
 * lives, and a zombie counts). Returns what was removed; data is never touched.
 */
export async function removeStaleFiles(layout: EngineLayout): Promise<string[]> {
  const removed: string[] = [];
  if ((await findDockerds(layout.dataRoot)).length > 0) return removed;
  await removeIfPresent(layout.pidFile, removed);
  await removeIfPresent(layout.socketPath, removed);
  const containerdPidFile = path.join(layout.execRoot, 'containerd', 'containerd.pid');
  const containerdPid = await readPid(containerdPidFile);
  if (containerdPid !== null && !(await isOurContainerd(containerdPid, layout.execRoot))) {
    await removeIfPresent(containerdPidFile, removed);
  }
  return removed;
}
