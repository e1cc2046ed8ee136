// Managed engine start to ready, through Berth's supervisor, next to the same
// dockerd with the same flags started by hand and polled until /_ping answers.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deleteBridge, ensureBridge } from '../../electron/engine/bridge.ts';
import { dockerdArgs } from '../../electron/engine/dockerd-args.ts';
import { engineLayout, managedBridgeName } from '../../electron/engine/managed-layout.ts';
import { pingEndpoint } from '../../electron/engine/endpoint-request.ts';
import { createManagedEngine } from '../../electron/services/managed-engine-adapter.ts';
import {
  cleanupEngineFolder,
  makeEngineDataDir,
  pickTestSubnet,
  uniqueBridgeName,
} from '../../test/helpers/managed-engine.ts';
import { timed } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

export async function measureEngineStart(dockerd: string, runs: number): Promise<BenchRow[]> {
  const berth = await timeBerthStarts(dockerd, runs);
  const raw = await timeRawStarts(dockerd, runs);
  return summarize(
    'managed engine start -> ready',
    berth,
    raw,
    'dockerd spawned by hand -> /_ping',
    'Berth adds its steps (prerequisites, folders, adoption check, bridge check); data folder already initialised',
  );
}

async function timeBerthStarts(dockerd: string, runs: number): Promise<number[]> {
  const dataDir = await makeEngineDataDir();
  const configDir = join(dataDir, 'docker-config');
  const engine = createManagedEngine({
    dataDir,
    dockerdPath: dockerd,
    iptables: false,
    dockerConfigDir: configDir,
    isDefaultDataDir: false,
  });
  const samples: number[] = [];
  try {
    await engine.start(); // first start initialises the data folder; not counted
    await engine.stop();
    for (let i = 0; i < runs; i++) {
      samples.push((await timed(() => engine.start())).ms);
      await engine.stop();
    }
  } finally {
    await engine.dispose();
    await cleanupEngineFolder(dataDir, managedBridgeName(dataDir));
  }
  return samples;
}

async function timeRawStarts(dockerd: string, runs: number): Promise<number[]> {
  const dataDir = await makeEngineDataDir();
  const bridge = uniqueBridgeName();
  const layout = engineLayout(dataDir);
  const cidr = await pickTestSubnet();
  const samples: number[] = [];
  try {
    for (const dir of [layout.dataRoot, layout.execRoot, join(layout.socketPath, '..')])
      await mkdir(dir, { recursive: true });
    await writeFile(layout.configFile, '{}\n');
    await ensureBridge(bridge, () => cidr);
    const args = dockerdArgs({
      layout,
      bridge,
      iptables: false,
      containerdNamespace: 'berth-bench',
      containerdPluginsNamespace: 'berth-bench-plugins',
    });
    for (let i = 0; i < runs + 1; i++) {
      const started = performance.now();
      const child = spawn(dockerd, args, { stdio: 'ignore' });
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      for (;;) {
        if ((await pingEndpoint({ url: `unix://${layout.socketPath}` }, { timeoutMs: 1000 })).ok)
          break;
        if (child.exitCode !== null)
          throw new Error(`dockerd exited with ${child.exitCode} before answering`);
        if (performance.now() - started > 60_000)
          throw new Error('dockerd did not answer /_ping in 60 s');
        await new Promise((r) => setTimeout(r, 5));
      }
      if (i > 0) samples.push(performance.now() - started); // the first start initialises the folder
      child.kill('SIGTERM');
      await exited;
    }
  } finally {
    await cleanupEngineFolder(dataDir, bridge);
    await deleteBridge(bridge);
  }
  return samples;
}
