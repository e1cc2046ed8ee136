// The managed engine against a real dockerd, started through the product's own
// supervisor and driver, beside whatever engine the machine already runs.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { managedBridgeName } from '../../electron/engine/managed-layout.ts';
import { resetManagedEngine } from '../../electron/engine/managed-reset.ts';
import { findDockerds, isProcessLive } from '../../electron/engine/processes.ts';
import { pingEndpoint } from '../../electron/engine/endpoint-request.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import {
  cleanupEngineFolder,
  docker,
  makeEngineDataDir,
  pickTestSubnet,
  requireManagedEnginePrereqs,
  startManagedEngine,
  uniqueBridgeName,
  type TestEngine,
} from '../helpers/managed-engine.ts';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(opts: Parameters<typeof startManagedEngine>[0] = {}): Promise<TestEngine> {
  const engine = await startManagedEngine(opts);
  cleanups.push(engine.cleanup);
  return engine;
}

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function historyText(engine: TestEngine): string[] {
  return engine.supervisor.status().history.map((e) => `${e.state}: ${e.message}`);
}

function readyMs(engine: TestEngine): number {
  const line = historyText(engine).findLast((m) => m.includes('answered /_ping after'));
  return Number(/after (\d+) ms/.exec(line ?? '')?.[1]);
}

describe('managed dockerd under the supervisor', () => {
  beforeAll(async () => {
    await requireManagedEnginePrereqs();
  });

  it('starts, answers /_ping and serves the docker CLI', async () => {
    const hadDocker0 = existsSync('/sys/class/net/docker0');
    const t0 = performance.now();
    const engine = await started();
    const startMs = performance.now() - t0;
    expect(engine.supervisor.state).toBe('running');
    expect(
      await pingEndpoint({ url: `unix://${engine.socketPath}` }, { timeoutMs: 2_000 }),
    ).toMatchObject({
      ok: true,
    });
    expect((await docker(engine, 'version', '--format', '{{.Server.Version}}')).trim()).toMatch(
      /^\d+\./,
    );
    const info = await docker(engine, 'info', '--format', '{{.DockerRootDir}}');
    expect(info.trim()).toBe(engine.driver.layout.dataRoot);
    // A system engine beside us keeps its bridge.
    expect(existsSync('/sys/class/net/docker0')).toBe(hadDocker0);
    console.info(
      `managed dockerd: start() took ${startMs.toFixed(0)} ms, spawn to /_ping ${readyMs(engine)} ms`,
    );
  });

  it('runs a busybox container with an address on its own bridge subnet', async () => {
    const engine = await started();
    const t0 = performance.now();
    await ensureBusyboxImage(engine.endpoint);
    const buildMs = performance.now() - t0;
    const t1 = performance.now();
    await ensureBusyboxImage(engine.endpoint);
    const againMs = performance.now() - t1;
    const size = Number(
      await docker(engine, 'image', 'inspect', '--format', '{{.Size}}', busyboxImage),
    );
    expect(size).toBeLessThan(5_000_000);
    const out = await docker(
      engine,
      'run',
      '--rm',
      busyboxImage,
      'sh',
      '-c',
      "echo hello; ip -4 -o addr show eth0 | awk '{print $4}'",
    );
    const [hello, address] = out.trim().split('\n');
    expect(hello).toBe('hello');
    const prefix = engine.bridgeCidr.split('.').slice(0, 3).join('.');
    expect(address?.startsWith(`${prefix}.`)).toBe(true);
    console.info(
      `busybox image: built and imported in ${buildMs.toFixed(0)} ms (${(size / 1e6).toFixed(1)} MB), ` +
        `second call ${againMs.toFixed(0)} ms`,
    );
  });

  it('restarts dockerd after it is SIGKILLed and records the crash and the restart', async () => {
    const engine = await started();
    const firstPid = engine.driver.pid;
    if (firstPid === null) throw new Error('no dockerd pid');
    const killedAt = performance.now();
    process.kill(firstPid, 'SIGKILL');
    await until(
      'the restart',
      () => engine.supervisor.state === 'running' && engine.driver.pid !== firstPid,
    );
    const restartMs = performance.now() - killedAt;
    const history = historyText(engine);
    const crash = history.findIndex((m) =>
      m.includes(`${firstPid} ended (killed by SIGKILL) unexpectedly`),
    );
    expect(crash).toBeGreaterThanOrEqual(0);
    expect(history.slice(crash).some((m) => m.startsWith('running: Engine is running'))).toBe(true);
    expect(history.slice(crash).some((m) => m.includes('spawn dockerd…'))).toBe(true);
    expect(
      await pingEndpoint({ url: `unix://${engine.socketPath}` }, { timeoutMs: 2_000 }),
    ).toMatchObject({
      ok: true,
    });
    expect(await findDockerds(engine.driver.layout.dataRoot)).toHaveLength(1);
    console.info(
      `managed dockerd: SIGKILL to answering again ${restartMs.toFixed(0)} ms (0.5 s backoff)`,
    );
  });

  it('adopts the dockerd of an app that was killed instead of starting a second one', async () => {
    const dataDir = await makeEngineDataDir();
    const bridge = uniqueBridgeName();
    const bridgeCidr = await pickTestSubnet();
    cleanups.push(() => cleanupEngineFolder(dataDir, bridge));
    const script = path.join(import.meta.dirname, '../helpers/managed-engine-child.ts');
    const app = spawn(process.execPath, [script, dataDir, bridge, bridgeCidr], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(createInterface({ input: app.stdout }), 'line')) as [string];
    const first = JSON.parse(line) as { state: string; pid?: number; error?: string };
    expect(first).toMatchObject({ state: 'running' });
    app.kill('SIGKILL');
    await once(app, 'exit');
    const pid = first.pid ?? -1;
    expect(await isProcessLive(pid)).toBe(true);

    const engine = await started({ dataDir, bridge, bridgeCidr });
    expect(engine.driver.adopted).toBe(true);
    expect(engine.driver.pid).toBe(pid);
    expect(historyText(engine).some((m) => m.includes(`adopted dockerd ${pid}`))).toBe(true);
    expect((await findDockerds(engine.driver.layout.dataRoot)).map((p) => p.pid)).toEqual([pid]);
    expect((await docker(engine, 'version', '--format', '{{.Server.Os}}')).trim()).toBe('linux');

    // The adopted engine is watched too: stopping it works and leaves none.
    await engine.stop();
    expect(await isProcessLive(pid)).toBe(false);
    expect(await findDockerds(engine.driver.layout.dataRoot)).toEqual([]);
  });

  it('starts despite a stale pidfile naming an unrelated live process, and leaves that process alone', async () => {
    const dataDir = await makeEngineDataDir();
    const engineDir = path.join(dataDir, 'engine');
    await mkdir(engineDir, { recursive: true });
    await writeFile(path.join(engineDir, 'dockerd.pid'), String(process.pid));
    const engine = await started({ dataDir });
    expect(engine.driver.pid).not.toBe(process.pid);
    expect(historyText(engine).some((m) => m.includes('removed stale'))).toBe(true);
    expect(await isProcessLive(process.pid)).toBe(true);
  });

  it('moves the socket and exec-root to a short folder when the data folder is too deep', async () => {
    const base = await makeEngineDataDir();
    const dataDir = path.join(base, 'a-rather-long-folder-name'.repeat(3), 'Berth');
    const bridge = uniqueBridgeName();
    cleanups.push(async () => {
      await cleanupEngineFolder(dataDir, bridge);
      await rm(base, { recursive: true, force: true });
    });
    const engine = await started({ dataDir, bridge });
    expect(engine.driver.layout.shortDir).toMatch(/^\/run\/berth-/);
    expect(engine.socketPath.startsWith(engine.driver.layout.shortDir ?? '?')).toBe(true);
    expect((await docker(engine, 'info', '--format', '{{.DockerRootDir}}')).trim()).toBe(
      engine.driver.layout.dataRoot,
    );
  });

  it('stops: dockerd and its containerd are gone, the data-root stays', async () => {
    const engine = await started();
    const pid = engine.driver.pid ?? -1;
    const t0 = performance.now();
    await engine.stop();
    const stopMs = performance.now() - t0;
    expect(engine.supervisor.state).toBe('stopped');
    expect(await isProcessLive(pid)).toBe(false);
    expect(await findDockerds(engine.driver.layout.dataRoot)).toEqual([]);
    expect(existsSync(engine.driver.layout.dataRoot)).toBe(true);
    expect(existsSync(engine.driver.layout.pidFile)).toBe(false);
    expect(historyText(engine).some((m) => m.includes('kill engine (SIGKILL)'))).toBe(false);
    console.info(`managed dockerd: stop (SIGTERM) took ${stopMs.toFixed(0)} ms`);
  });

  it('resets: refuses while running, then deletes the folder and the bridge once stopped', async () => {
    // The bridge the app gives this data folder, so reset finds it without being told.
    const dataDir = await makeEngineDataDir();
    const engine = await started({ dataDir, bridge: managedBridgeName(dataDir) });
    await ensureBusyboxImage(engine.endpoint);
    await docker(engine, 'volume', 'create', 'keepme');
    const reset = () => resetManagedEngine({ dataDir: engine.dataDir });
    await expect(reset()).rejects.toThrow(/still running/);
    expect(existsSync(engine.driver.layout.dataRoot)).toBe(true);
    await engine.stop();
    const removed = await reset();
    expect(removed).toContain(engine.driver.layout.engineDir);
    expect(removed).toContain(`bridge ${engine.bridge}`);
    expect(existsSync(engine.driver.layout.engineDir)).toBe(false);
    expect(existsSync(`/sys/class/net/${engine.bridge}`)).toBe(false);
    // The next start begins from nothing.
    await engine.supervisor.start();
    expect((await docker(engine, 'volume', 'ls', '-q')).trim()).toBe('');
  });
});
