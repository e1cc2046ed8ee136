// Listing 1,000 containers: through the contract (what the UI gets, over the
// WebSocket), and the engine re-list Berth does to heal, next to `docker ps -a`.
import { engineClient } from '../../electron/services/engine-client.ts';
import { toContainerSummary } from '../../electron/services/containers/container-summary.ts';
import { dockerCli, timed } from './cli.ts';
import { contractCall } from './contract-call.ts';
import { summarize, type BenchRow } from './stats.ts';

export async function createContainers(
  endpoint: string,
  image: string,
  count: number,
): Promise<void> {
  const docker = engineClient(endpoint);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await docker.createContainer({ Image: image, name: `bench-list-${i}`, Cmd: ['true'] });
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

export async function removeContainers(endpoint: string): Promise<void> {
  await dockerCli(endpoint, 'container', 'prune', '-f', '--filter', 'label!=keep');
}

export async function measureList(
  appUrl: string,
  token: string,
  endpoint: string,
  expected: number,
  runs: number,
): Promise<BenchRow[]> {
  const client = await contractCall(appUrl, token);
  try {
    for (let wait = 0; ; wait++) {
      const snapshot = (await client.call('containers.list')) as { items: unknown[] };
      if (snapshot.items.length >= expected) break;
      if (wait > 300)
        throw new Error(`The app shows ${snapshot.items.length} of ${expected} containers`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const docker = engineClient(endpoint);
    const contract: number[] = [];
    const relist: number[] = [];
    const cli: number[] = [];
    for (let i = 0; i < runs; i++) {
      contract.push((await timed(() => client.call('containers.list'))).ms);
      relist.push(
        (
          await timed(async () =>
            (await docker.listContainers({ all: true })).map((c) => toContainerSummary(c)),
          )
        ).ms,
      );
      cli.push((await timed(() => dockerCli(endpoint, 'ps', '-a'))).ms);
    }
    return [
      ...summarize(
        `list ${expected} containers (contract call)`,
        contract,
        cli,
        'docker ps -a',
        'served from the live mirror kept by /events',
      ),
      ...summarize(
        `list ${expected} containers (engine re-list)`,
        relist,
        cli,
        'docker ps -a',
        "the heal path: dockerode's GET /containers/json plus mapping",
      ),
    ];
  } finally {
    client.close();
  }
}
