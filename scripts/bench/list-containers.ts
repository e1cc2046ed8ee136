// Listing 1,000 containers: through the contract (what the UI gets, over the
// WebSocket), and the engine re-list Berth does to heal, next to `docker ps -a`.
import { dockerClientFor } from '../../electron/services/engine-connection.ts';
import WebSocket from 'ws';
import { toContainerSummary } from '../../electron/services/containers/container-summary.ts';
import { dockerCli, timed } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

export async function createContainers(
  endpoint: string,
  image: string,
  count: number,
): Promise<void> {
  const docker = dockerClientFor(endpoint);
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

/** A contract client over the browser face's WebSocket, authenticated with the token. */
async function contractCall(wsUrl: string, token: string) {
  const ws = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${token}` } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let id = 0;
  const call = (ch: string) =>
    new Promise<unknown>((resolve, reject) => {
      const mine = ++id;
      const onMessage = (data: Buffer, isBinary: boolean) => {
        if (isBinary) return;
        const msg = JSON.parse(data.toString()) as {
          t: string;
          id?: number;
          value?: unknown;
          error?: unknown;
        };
        if (msg.id !== mine) return;
        ws.off('message', onMessage);
        if (msg.t === 'result') resolve(msg.value);
        else reject(new Error(JSON.stringify(msg.error)));
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ t: 'call', id: mine, ch, args: [] }));
    });
  return { call, close: () => ws.close() };
}

export async function measureList(
  appUrl: string,
  token: string,
  endpoint: string,
  expected: number,
  runs: number,
): Promise<BenchRow[]> {
  const client = await contractCall(`${appUrl.replace(/^http/, 'ws')}ws`, token);
  try {
    for (let wait = 0; ; wait++) {
      const snapshot = (await client.call('containers.list')) as { items: unknown[] };
      if (snapshot.items.length >= expected) break;
      if (wait > 300)
        throw new Error(`The app shows ${snapshot.items.length} of ${expected} containers`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const docker = dockerClientFor(endpoint);
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
