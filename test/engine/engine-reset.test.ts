// Reset engine, through the app's own services on Berth's managed engine as
// the app builds it (adapter, supervisor, its own bridge): a user network (one
// with dockerd's `br-<id>` bridge, one with a bridge named by option), a
// container on it and a volume are made with the docker CLI; after
// `engine.reset`, `ip link` has neither network's bridge (nor one a reset cut
// short had recorded, while a bridge nobody recorded stays), nothing is enslaved
// to the engine's own bridge, and the engine runs again with nothing of before.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteBridge } from '../../electron/engine/bridge.ts';
import { bridgesInEngineData, writeBridgeRecord } from '../../electron/engine/engine-bridges.ts';
import { engineLayout, managedBridgeName } from '../../electron/engine/managed-layout.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { MANAGED_ID } from '../../electron/services/engine-manager.ts';
import {
  createManagedEngine,
  findDockerd,
} from '../../electron/services/managed-engine-adapter.ts';
import { SettingsFile } from '../../electron/services/settings.ts';
import { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { ENGINE_MS, testTimeout } from '../helpers/deadlines.ts';
import {
  cleanupEngineFolder,
  docker,
  makeEngineDataDir,
  pickTestSubnet,
  requireManagedEnginePrereqs,
  uniqueBridgeName,
} from '../helpers/managed-engine.ts';

const run = promisify(execFile);
const linkNames = async () =>
  (await run('ip', ['-o', 'link', 'show'])).stdout
    .split('\n')
    .map((l) => /^\d+: ([^:@]+)/.exec(l)?.[1])
    .filter((n): n is string => n !== undefined);
const enslavedTo = async (bridge: string) =>
  (await run('ip', ['-o', 'link', 'show', 'master', bridge])).stdout.trim();

let dataDir: string;
let services: AppServices;
let dispatcher: Dispatcher;
const engine = { endpoint: '' };
const madeBridges: string[] = [];

async function until(what: string, done: () => boolean | Promise<boolean>, ms = ENGINE_MS) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(
  async () => {
    await requireManagedEnginePrereqs();
    dataDir = await makeEngineDataDir();
    const dockerd = await findDockerd(process.env);
    const managed = createManagedEngine({
      dataDir,
      dockerdPath: dockerd!,
      iptables: false,
      dockerConfigDir: await mkdtemp(join(dataDir, 'docker-config-')),
      isDefaultDataDir: false,
    });
    engine.endpoint = managed.endpoint.url;
    services = createAppServices({
      mode: MANAGED_ID,
      discover: async () => [],
      managed,
      noEngineAdvice: 'Install docker.io.',
      settings: new SettingsFile(dataDir),
    });
    dispatcher = new Dispatcher(services);
    await services.manager.init();
    await until('the managed engine running', () => services.manager.status().state === 'running');
    await ensureBusyboxImage(engine.endpoint);
  },
  testTimeout(ENGINE_MS, ENGINE_MS),
);

afterAll(async () => {
  await services?.dispose();
  if (dataDir) await cleanupEngineFolder(dataDir, managedBridgeName(dataDir));
  for (const bridge of madeBridges) await deleteBridge(bridge);
});

describe('Reset engine', () => {
  it(
    'deletes the data and every bridge the engine made, then runs again from nothing',
    async () => {
      const subnet = (await pickTestSubnet()).replace(/\.1\/24$/, '.0/24');
      const id = (await docker(engine, 'network', 'create', '--subnet', subnet, 'todo')).trim();
      const ownBridge = `br-${id.slice(0, 12)}`;
      const named = uniqueBridgeName();
      const subnet2 = (await pickTestSubnet()).replace(/\.1\/24$/, '.0/24');
      await docker(
        engine,
        'network',
        'create',
        '--subnet',
        subnet2,
        '-o',
        `com.docker.network.bridge.name=${named}`,
        'named',
      );
      madeBridges.push(ownBridge, named);
      await docker(engine, 'volume', 'create', 'keepme');
      await docker(
        engine,
        'run',
        '-d',
        // The data goes anyway: no need to wait the default 10 s for it to stop.
        '--stop-timeout',
        '1',
        '--name',
        'app',
        '--net',
        'todo',
        '-v',
        'keepme:/data',
        busyboxImage,
        'sleep',
        '3600',
      );
      const links = await linkNames();
      expect(links).toEqual(expect.arrayContaining([ownBridge, named]));
      expect(await enslavedTo(ownBridge)).not.toBe('');
      // What a reset after a crash reads: the engine's own store names both bridges.
      const stored = await bridgesInEngineData(engineLayout(dataDir).dataRoot);
      expect(stored).toEqual(expect.arrayContaining([ownBridge, named]));

      // A reset cut short before left a recorded bridge behind; a bridge nobody recorded is not ours.
      const leftover = uniqueBridgeName();
      const notOurs = uniqueBridgeName();
      madeBridges.push(leftover, notOurs);
      for (const name of [leftover, notOurs])
        await run('ip', ['link', 'add', name, 'type', 'bridge']);
      await writeBridgeRecord(dataDir, [leftover]);

      const steps = new Set<string>();
      const unsubscribe = services.events.subscribe((channel, payload) => {
        if (channel !== 'engine.status') return;
        const step = (payload as { step?: string }).step;
        if (step?.startsWith('reset: ')) steps.add(step.replace(/ · .*$/, ''));
      });
      const reply = await dispatcher.call('engine.reset', []);
      unsubscribe();
      expect(reply).toEqual({ ok: true, value: undefined });
      expect([...steps]).toEqual([
        'reset: record networks',
        'reset: stop engine',
        'reset: remove data',
        'reset: remove bridges',
        'reset: start engine',
      ]);

      const after = await linkNames();
      expect(after).not.toContain(ownBridge);
      expect(after).not.toContain(named);
      expect(after).not.toContain(leftover);
      expect(after).toContain(notOurs);
      // The engine's own bridge is made again at start, with nothing left on it.
      expect(after).toContain(managedBridgeName(dataDir));
      expect(await enslavedTo(managedBridgeName(dataDir))).toBe('');
      expect(existsSync(join(dataDir, 'engine-bridges.json'))).toBe(false);

      expect(services.manager.status().state).toBe('running');
      expect((await docker(engine, 'ps', '-aq')).trim()).toBe('');
      expect((await docker(engine, 'volume', 'ls', '-q')).trim()).toBe('');
      expect(
        (await docker(engine, 'network', 'ls', '--format', '{{.Name}}')).trim().split('\n').sort(),
      ).toEqual(['bridge', 'host', 'none']);
      expect((await docker(engine, 'images', '-q')).trim()).toBe('');
      expect(services.manager.status().history.map((h) => h.message)).toContainEqual(
        expect.stringMatching(/^Reset done: removed \d+ items\.$/),
      );
    },
    testTimeout(ENGINE_MS, ENGINE_MS),
  );
});
