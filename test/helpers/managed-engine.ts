// Starting a real managed dockerd for a test, the way the app does it (through
// the supervisor and the managed driver), in a private temp folder with its own
// bridge and iptables off so it can run beside a system engine. Teardown kills
// everything that runs from that folder, unmounts, deletes it and the bridge.
//
//   const engine = await startManagedEngine();
//   try { await docker(engine, 'version'); } finally { await engine.cleanup(); }

import { execFile } from 'node:child_process';
import type { ContainerInspectInfo } from 'dockerode';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { deleteBridge } from '../../electron/engine/bridge.ts';
import { ManagedDockerd } from '../../electron/engine/managed-dockerd.ts';
import { findExecutable } from '../../electron/engine/prerequisites.ts';
import { engineLayout } from '../../electron/engine/managed-layout.ts';
import { unmountAllUnder } from '../../electron/engine/mounts.ts';
import {
  findProcessesUsing,
  signalProcess,
  waitForProcessGone,
} from '../../electron/engine/processes.ts';
import { systemClock } from '../../electron/engine/clock.ts';
import { parseProcNetRoute, pickFreeSubnet, usedRanges } from '../../electron/engine/subnet.ts';
import type { HealthPolicy } from '../../electron/engine/health-watch.ts';
import { EngineSupervisor } from '../../electron/engine/supervisor.ts';

const execFileAsync = promisify(execFile);

/** The dockerd tests use: BERTH_TEST_DOCKERD, or `dockerd` from PATH and the sbin folders. */
const testDockerd = process.env.BERTH_TEST_DOCKERD ?? 'dockerd';

/** Fails with what to install when this machine cannot run a managed engine. */
export async function requireManagedEnginePrereqs(): Promise<string> {
  const missing: string[] = [];
  const dockerd = await findExecutable(testDockerd);
  if (!dockerd) missing.push(`dockerd not found (${testDockerd}): apt-get install docker.io`);
  if (!(await findExecutable('ip'))) missing.push('ip not found: apt-get install iproute2');
  if (!(await findExecutable('docker')))
    missing.push('docker CLI not found: apt-get install docker.io');
  if (process.getuid?.() !== 0)
    missing.push('the managed engine needs root: run the tests as root');
  if (missing.length || !dockerd) {
    throw new Error(
      `Cannot run engine-backed tests (${process.env.CI ? 'CI' : 'local'}): ${missing.join('; ')}`,
    );
  }
  return dockerd;
}

export async function makeEngineDataDir(): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), 'berth-engine-'));
}

/** A bridge name of our own per test (15 bytes at most), so suites never share one. */
export function uniqueBridgeName(): string {
  return `bt${process.pid.toString(36)}${Math.random().toString(36).slice(2, 6)}`.slice(0, 15);
}

/** A random /24 that no route uses, so engines of parallel suites do not collide. */
export async function pickTestSubnet(): Promise<string> {
  const used = usedRanges(parseProcNetRoute(await readFile('/proc/net/route', 'utf8')));
  const candidates = Array.from({ length: 50 }, (_, i) => `172.31.${200 + i}.1/24`).sort(
    () => Math.random() - 0.5,
  );
  const cidr = pickFreeSubnet(candidates, used);
  if (!cidr) throw new Error('No free 172.31.200-249.0/24 subnet for a test bridge');
  return cidr;
}

interface TestEngineOptions {
  dataDir?: string;
  bridge?: string;
  bridgeCidr?: string;
  /** Default false: a test may run beside a system dockerd. */
  iptables?: boolean;
  /** The supervisor's pings; the product's defaults when absent. */
  health?: HealthPolicy;
}

export interface TestEngine {
  dataDir: string;
  bridge: string;
  bridgeCidr: string;
  driver: ManagedDockerd;
  supervisor: EngineSupervisor;
  socketPath: string;
  /** `unix:///…/docker.sock`, for dockerode or `docker -H`. */
  endpoint: string;
  /** Stops the engine through the supervisor (SIGTERM, then SIGKILL). */
  stop(): Promise<void>;
  /** Kills whatever still runs from the folder, deletes it and the bridge. Safe to call twice. */
  cleanup(): Promise<void>;
}

/** Builds the supervisor and driver without starting them. */
export async function createManagedEngine(opts: TestEngineOptions = {}): Promise<TestEngine> {
  const dataDir = opts.dataDir ?? (await makeEngineDataDir());
  const bridge = opts.bridge ?? uniqueBridgeName();
  const bridgeCidr = opts.bridgeCidr ?? (await pickTestSubnet());
  const driver = new ManagedDockerd({
    dockerdPath: testDockerd,
    dataDir,
    bridge,
    bridgeCidr,
    iptables: opts.iptables ?? false,
  });
  const supervisor = new EngineSupervisor({
    driver,
    backoff: { initialMs: 500, factor: 2, maxMs: 5_000 },
    ...(opts.health ? { health: opts.health } : {}),
  });
  return {
    dataDir,
    bridge,
    bridgeCidr,
    driver,
    supervisor,
    socketPath: driver.layout.socketPath,
    endpoint: driver.endpoint.endpoint,
    stop: () => supervisor.stop(),
    cleanup: async () => {
      // User networks get host bridges that outlive the engine: remove them while it still answers.
      await removeUserNetworks({ endpoint: driver.endpoint.endpoint });
      supervisor.dispose();
      await cleanupEngineFolder(dataDir, bridge);
    },
  };
}

/** Starts a managed engine and waits until it answers; cleans up if the start fails. */
export async function startManagedEngine(opts: TestEngineOptions = {}): Promise<TestEngine> {
  await requireManagedEnginePrereqs();
  const engine = await createManagedEngine(opts);
  try {
    await engine.supervisor.start();
  } catch (error) {
    const status = engine.supervisor.status();
    await engine.cleanup();
    throw new Error(
      `Managed engine did not start: ${String(error)}\nLast log lines:\n${status.lastLogLines.join('\n')}`,
      { cause: error },
    );
  }
  return engine;
}

/** Runs the docker CLI (the first on PATH: 28.x here) against the engine. */
export async function docker(
  engine: Pick<TestEngine, 'endpoint'>,
  ...args: string[]
): Promise<string> {
  const { stdout } = await execFileAsync('docker', ['-H', engine.endpoint, ...args], {
    timeout: 60_000,
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
  });
  return stdout;
}

/** `docker inspect NAME` through the CLI: the independent truth about a container. */
export async function inspectContainer(
  engine: Pick<TestEngine, 'endpoint'>,
  name: string,
): Promise<ContainerInspectInfo> {
  return (JSON.parse(await docker(engine, 'inspect', name)) as [ContainerInspectInfo])[0];
}

/** Removes the engine's containers and user networks, if it still answers; their host bridges would outlive it. */
export async function removeUserNetworks(engine: Pick<TestEngine, 'endpoint'>): Promise<void> {
  try {
    const containers = (await docker(engine, 'ps', '-aq')).split('\n').filter(Boolean);
    if (containers.length) await docker(engine, 'rm', '-f', ...containers);
    await docker(engine, 'network', 'prune', '-f');
  } catch {
    // The engine is already gone (a test stopped or killed it): nothing left to ask it.
  }
}

/** Kills every process of the engine in `dataDir`, unmounts, deletes the folder and the bridge. */
export async function cleanupEngineFolder(dataDir: string, bridge: string): Promise<void> {
  const layout = engineLayout(dataDir);
  const dirs = [layout.engineDir, ...(layout.shortDir ? [layout.shortDir] : [])];
  for (let round = 0; round < 3; round++) {
    const pids = (await findProcessesUsing(dirs)).map((p) => p.pid);
    if (pids.length === 0) break;
    for (const pid of pids) signalProcess(pid, 'SIGKILL');
    for (const pid of pids) {
      if (!(await waitForProcessGone(pid, systemClock, 5_000))) {
        throw new Error(`Test teardown: process ${pid} from ${dataDir} survived SIGKILL`);
      }
    }
  }
  for (const dir of [path.resolve(dataDir), ...dirs]) await unmountAllUnder(dir);
  await rm(dataDir, { recursive: true, force: true });
  if (layout.shortDir) await rm(layout.shortDir, { recursive: true, force: true });
  await deleteBridge(bridge);
}
