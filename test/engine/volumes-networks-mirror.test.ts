// The volumes and networks mirrors against `docker volume ls` and `docker
// network ls` on a real engine: the app's services and the renderer's
// resource sync follow volumes and networks made, used and removed with the
// CLI, with "in use by" and each network's containers and addresses right.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { NetworkSummary } from '../../electron/contract/networks-channels.ts';
import type { VolumeSummary } from '../../electron/contract/volumes-channels.ts';
import {
  initialResource,
  syncResource,
  type ResourceStore,
} from '../../renderer/stores/resource-sync.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { inProcessClient } from '../helpers/in-process-client.ts';
import { docker, type TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';

let env: EngineServices;
let engine: TestEngine;
const stops: (() => void)[] = [];
const volumes = createStore<ResourceStore<VolumeSummary>>(() => initialResource);
const networks = createStore<ResourceStore<NetworkSummary>>(() => initialResource);

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const lines = (out: string) => out.trim().split('\n').filter(Boolean).sort();
const storeVolumes = () => Object.keys(volumes.getState().byId).sort();
const storeNetworks = () => Object.keys(networks.getState().byId).sort();
const network = (name: string) =>
  Object.values(networks.getState().byId).find((n) => n.name === name);

/** Waits until both stores list exactly what the CLI lists. */
async function matchesCli(after: string): Promise<void> {
  let cli = { volumes: [] as string[], networks: [] as string[] };
  await until(`the stores to match the CLI after ${after}`, async () => {
    cli = {
      volumes: lines(await docker(engine, 'volume', 'ls', '-q')),
      networks: lines(await docker(engine, 'network', 'ls', '-q', '--no-trunc')),
    };
    return (
      JSON.stringify(cli) === JSON.stringify({ volumes: storeVolumes(), networks: storeNetworks() })
    );
  }).catch((err: unknown) => {
    expect({ volumes: storeVolumes(), networks: storeNetworks() }, String(err)).toEqual(cli);
  });
}

beforeAll(async () => {
  env = await startEngineServices({ name: 'vol-net' });
  ({ engine } = env);
  const client = env.dispatcher;
  stops.push(syncResource('volumes', inProcessClient<'volumes'>(client), volumes));
  stops.push(syncResource('networks', inProcessClient<'networks'>(client), networks));
}, 120_000);

afterAll(async () => {
  for (const stop of stops) stop();
  await env?.dispose();
});

describe('the volumes mirror', () => {
  it('follows volumes made, mounted and removed with the CLI', async () => {
    await matchesCli('the first heal');
    await docker(engine, 'volume', 'create', '--label', 'tier=db', 'mirror-data');
    await matchesCli('docker volume create');
    const row = () => volumes.getState().byId['mirror-data'];
    const mountpoint = (
      await docker(engine, 'volume', 'inspect', '-f', '{{.Mountpoint}}', 'mirror-data')
    ).trim();
    expect(row()).toMatchObject({
      driver: 'local',
      labels: { tier: 'db' },
      mountpoint,
      usedBy: [],
    });

    await docker(engine, 'create', '--name', 'mirror-db', '-v', 'mirror-data:/data', busyboxImage);
    await until('"in use by" to name the container', () => row()?.usedBy[0] === 'mirror-db');

    await docker(engine, 'rm', 'mirror-db');
    await until('"in use by" to empty', () => row()?.usedBy.length === 0);
    await docker(engine, 'volume', 'rm', 'mirror-data');
    await matchesCli('docker volume rm');

    // dockerd 20.10 sends one `prune` event naming no volume, and no destroy for each.
    await docker(engine, 'volume', 'create', 'mirror-spare');
    await matchesCli('another docker volume create');
    await docker(engine, 'volume', 'prune', '-f');
    await matchesCli('docker volume prune');
  });
});

describe('the networks mirror', () => {
  it('follows a network made, joined, left and removed with the CLI', async () => {
    await docker(engine, 'network', 'create', '--subnet', '172.29.77.0/24', 'mirror-net');
    await matchesCli('docker network create');
    expect(network('mirror-net')).toMatchObject({
      driver: 'bridge',
      internal: false,
      subnets: [expect.objectContaining({ subnet: '172.29.77.0/24' })],
      containers: [],
    });

    await docker(engine, 'run', '-d', '--name', 'mirror-web', busyboxImage, 'sleep', '300');
    await docker(engine, 'network', 'connect', '--alias', 'web-alias', 'mirror-net', 'mirror-web');
    const ip = (
      await docker(
        engine,
        'inspect',
        '-f',
        '{{(index .NetworkSettings.Networks "mirror-net").IPAddress}}',
        'mirror-web',
      )
    ).trim();
    await until(
      'the network to list the container',
      () => network('mirror-net')?.containers.length === 1,
    );
    expect(network('mirror-net')!.containers[0]).toMatchObject({
      containerName: 'mirror-web',
      ipv4: ip,
    });

    await docker(engine, 'network', 'disconnect', 'mirror-net', 'mirror-web');
    await until(
      'the network to drop the container',
      () => network('mirror-net')?.containers.length === 0,
    );
    await docker(engine, 'rm', '-f', 'mirror-web');
    await docker(engine, 'network', 'rm', 'mirror-net');
    await matchesCli('docker network rm');
  });
});
