// 500 volumes and 200 networks: the app's `volumes.list` and `networks.list`
// over the browser face's WebSocket, next to `docker volume ls` and `docker
// network ls` in the same run. Two figures each:
// - a fresh connection's first full list: what a user waits for when the
//   Volumes or Networks page opens (the page asks for the snapshot once, then
//   follows deltas); this is the figure the goal (at most 0.75x) is about;
// - a change followed: from `docker volume create` (or network) returning to
//   the app's list holding it (asked every few ms), beside `docker volume ls`;
// - the app's own read of the whole list from the engine, as its mirror does
//   after each (re)connect (in this process, over the same code).
// The networks get explicit subnets (10.200.N.0/24): a test engine's default
// address pool runs out long before 200.
import { engineClient } from '../../electron/services/engine-client.ts';
import { networkEngine } from '../../electron/services/networks/network-engine.ts';
import { NetworksMirror } from '../../electron/services/networks/networks-mirror.ts';
import { volumeEngine } from '../../electron/services/volumes/volume-engine.ts';
import { VolumesMirror } from '../../electron/services/volumes/volumes-mirror.ts';
import { dockerCli, timed } from './cli.ts';
import { contractCall } from './contract-call.ts';
import { summarize, type BenchRow } from './stats.ts';

const VOLUME_PREFIX = 'bench-vol-';
const NETWORK_PREFIX = 'bench-net-';
const PARALLEL = 16;
const GOAL = 'goal: at most 0.75x';

async function eachParallel(count: number, work: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

export async function createResources(
  endpoint: string,
  volumes: number,
  networks: number,
): Promise<void> {
  if (networks > 250) throw new Error('At most 250 networks: one 10.200.N.0/24 each');
  const docker = engineClient(endpoint);
  await eachParallel(volumes, (i) =>
    docker.createVolume({ Name: `${VOLUME_PREFIX}${i}`, Labels: { bench: 'lists' } }),
  );
  await eachParallel(networks, (i) =>
    docker.createNetwork({
      Name: `${NETWORK_PREFIX}${i}`,
      Labels: { bench: 'lists' },
      IPAM: { Config: [{ Subnet: `10.200.${i}.0/24` }] },
    }),
  );
}

/** Removes every volume and network the scenario made, whatever state it stopped in. */
export async function removeResources(endpoint: string): Promise<void> {
  const docker = engineClient(endpoint);
  const vols = ((await docker.listVolumes()).Volumes ?? []).filter((v) =>
    v.Name.startsWith(VOLUME_PREFIX),
  );
  await eachParallel(vols.length, (i) => docker.getVolume(vols[i]!.Name).remove());
  const nets = (await docker.listNetworks()).filter((n) => n.Name.startsWith(NETWORK_PREFIX));
  await eachParallel(nets.length, (i) => docker.getNetwork(nets[i]!.Id).remove());
}

type Kind = 'volumes' | 'networks';

async function waitForCount(
  call: (ch: string) => Promise<unknown>,
  kind: Kind,
  atLeast: number,
  has?: string,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { items } = (await call(`${kind}.list`)) as { items: { name: string }[] };
    if (items.length >= atLeast && (!has || items.some((i) => i.name === has))) return;
    if (Date.now() > deadline)
      throw new Error(
        `The app lists ${items.length} ${kind}, not ${atLeast}${has ? ` with ${has}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The app's mirror of one resource, reading the engine as it does after a (re)connect. */
function mirrorOf(kind: Kind, endpoint: string): { heal(): Promise<void>; dispose(): void } {
  const docker = engineClient(endpoint, { timeoutMs: 15_000 });
  const common = {
    engineId: 'bench',
    containers: () => [],
    onDelta: () => {},
    onError: (message: string) => {
      throw new Error(message);
    },
  };
  return kind === 'volumes'
    ? new VolumesMirror({ ...common, engine: volumeEngine(docker) })
    : new NetworksMirror({ ...common, engine: networkEngine(docker) });
}

export async function measureResourceLists(
  appUrl: string,
  token: string,
  endpoint: string,
  volumes: number,
  networks: number,
  runs: number,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const counts: Record<Kind, number> = { volumes, networks };
  const cliArgs: Record<Kind, string[]> = {
    volumes: ['volume', 'ls'],
    networks: ['network', 'ls'],
  };
  for (const kind of ['volumes', 'networks'] as const) {
    const fresh: number[] = [];
    const followed: number[] = [];
    const heals: number[] = [];
    const cli: number[] = [];
    const cliLabel = `docker ${cliArgs[kind].join(' ')}`;
    const waiter = await contractCall(appUrl, token);
    try {
      await waitForCount(waiter.call, kind, counts[kind]);
      for (let run = 0; run < runs; run++) {
        // A fresh connection, as a page load has; its first list is the whole snapshot.
        const client = await contractCall(appUrl, token);
        try {
          fresh.push((await timed(() => client.call(`${kind}.list`))).ms);
          // One change made with the CLI, followed by the app, then the list again.
          const name = `${kind === 'volumes' ? VOLUME_PREFIX : NETWORK_PREFIX}live-${run}`;
          if (kind === 'volumes') await dockerCli(endpoint, 'volume', 'create', name);
          else
            await dockerCli(endpoint, 'network', 'create', '--subnet', `10.201.${run}.0/24`, name);
          followed.push(
            (await timed(() => waitForCount(client.call, kind, counts[kind], name, 2))).ms,
          );
        } finally {
          client.close();
        }
        const mirror = mirrorOf(kind, endpoint);
        try {
          heals.push((await timed(() => mirror.heal())).ms);
        } finally {
          mirror.dispose();
        }
        cli.push((await timed(() => dockerCli(endpoint, ...cliArgs[kind]))).ms);
      }
    } finally {
      waiter.close();
    }
    const n = counts[kind];
    rows.push(
      ...summarize(
        `list ${n} ${kind}: a fresh connection's first list`,
        fresh,
        cli,
        cliLabel,
        `what opening the page waits for; ${GOAL}`,
      ),
      ...summarize(
        `list ${n} ${kind}: a change followed (CLI create returns -> the app lists it)`,
        followed,
        cli,
        cliLabel,
        'the app asked every 2 ms; the CLI figure is one ls',
      ),
      ...summarize(
        `list ${n} ${kind}: the app's mirror reading the engine`,
        heals,
        cli,
        cliLabel,
        'what each (re)connect costs, in this process',
      ),
    );
  }
  return rows;
}

/** The whole scenario: make the resources, measure, and remove them whatever happened. */
export async function benchResourceLists(
  appUrl: string,
  token: string,
  endpoint: string,
): Promise<BenchRow[]> {
  const volumes = Number(process.env.BENCH_VOLUMES ?? 500);
  const networks = Number(process.env.BENCH_NETWORKS ?? 200);
  const runs = Number(process.env.BENCH_RESOURCE_LIST_RUNS ?? 10);
  const made = await timed(() => createResources(endpoint, volumes, networks));
  console.log(`  ${volumes} volumes and ${networks} networks made in ${Math.round(made.ms)} ms`);
  try {
    return await measureResourceLists(appUrl, token, endpoint, volumes, networks, runs);
  } finally {
    await removeResources(endpoint);
  }
}
