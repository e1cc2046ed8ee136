// Pushing an image to a registry on loopback: Berth's `images.push` stream
// over the browser face's WebSocket next to `docker push` (the first docker on
// PATH, as for every CLI figure here). A push to a registry that already has
// the layers only checks them, so every run, Berth's and the CLI's alike, pushes
// to a fresh empty registry: each moves (and the engine compresses) every layer.
import { faceStream, openFaceSocket } from '../../test/helpers/face-client.ts';
import { registryTags, startRegistry } from '../../test/helpers/registry.ts';
import { buildBlobImage } from '../../test/helpers/registry-images.ts';
import { dockerCli, timed } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

export async function measurePush(
  appUrl: string,
  token: string,
  endpoint: string,
  runs: number,
  megabytes: number,
): Promise<BenchRow[]> {
  const engine = { endpoint };
  const local = await buildBlobImage(engine, megabytes);
  const ws = await openFaceSocket(appUrl, token);
  try {
    const berth: number[] = [];
    const cli: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Alternate who goes first, so neither always meets a warmer page cache.
      const order = i % 2 === 0 ? ['berth', 'cli'] : ['cli', 'berth'];
      for (const who of order) {
        const registry = await startRegistry();
        const ref = `${registry.host}/berth/bench:${megabytes}m`;
        try {
          await dockerCli(endpoint, 'tag', local, ref);
          if (who === 'berth')
            berth.push((await timed(() => faceStream(ws, 2000 + i, 'images.push', [{ ref }]))).ms);
          else cli.push((await timed(() => dockerCli(endpoint, 'push', '-q', ref))).ms);
          if ((await registryTags(registry, 'berth/bench')).length !== 1)
            throw new Error(`${who} pushed, yet the registry has no berth/bench tag`);
          await dockerCli(endpoint, 'rmi', ref);
        } finally {
          await registry.stop();
        }
      }
    }
    return summarize(
      `push of the same ~${megabytes} MB image to a loopback registry (images.push stream)`,
      berth,
      cli,
      'docker push -q',
      'a fresh empty registry for every run, so every push moves every layer; CLI: the first docker on PATH',
    );
  } finally {
    ws.close();
    await dockerCli(endpoint, 'rmi', local).catch(() => undefined);
  }
}
