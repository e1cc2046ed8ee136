// Pulling an image from a registry on loopback: Berth's `images.pull` stream
// over the browser face's WebSocket (acking every frame, as the dialog does),
// next to `docker pull`, with the image removed before every run.
import { faceStream, openFaceSocket } from '../../test/helpers/face-client.ts';
import { startRegistry } from '../../test/helpers/registry.ts';
import { hasImage, publishBlobImage } from '../../test/helpers/registry-images.ts';
import { dockerCli, timed } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

export async function measurePull(
  appUrl: string,
  token: string,
  endpoint: string,
  runs: number,
  megabytes: number,
): Promise<BenchRow[]> {
  const engine = { endpoint };
  const ws = await openFaceSocket(appUrl, token);
  const registry = await startRegistry().catch((err: unknown) => {
    ws.close();
    throw err;
  });
  try {
    const ref = `${registry.host}/berth/bench:${megabytes}m`;
    await publishBlobImage(engine, ref, megabytes);
    const berth: number[] = [];
    const cli: number[] = [];
    const forget = async () => {
      if (await hasImage(engine, ref)) await dockerCli(endpoint, 'rmi', ref);
    };
    for (let i = 0; i < runs; i++) {
      // Alternate who goes first, so neither always meets a warmer page cache.
      const order = i % 2 === 0 ? ['berth', 'cli'] : ['cli', 'berth'];
      for (const who of order) {
        await forget();
        if (who === 'berth')
          berth.push((await timed(() => faceStream(ws, 1000 + i, 'images.pull', [{ ref }]))).ms);
        else cli.push((await timed(() => dockerCli(endpoint, 'pull', ref))).ms);
        if (!(await hasImage(engine, ref)))
          throw new Error(`${who} pulled, yet ${ref} is not here`);
      }
    }
    await forget();
    return summarize(
      `pull of a ~${megabytes} MB image from a loopback registry (images.pull stream)`,
      berth,
      cli,
      'docker pull',
      'busybox base layer already here; the image is removed before every run; CLI: the first docker on PATH',
    );
  } finally {
    ws.close();
    await registry.stop();
  }
}
