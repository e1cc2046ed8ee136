// A 10-step Dockerfile built with the classic builder: Berth's `images.build`
// stream over the browser face's WebSocket (acking every frame, as the dialog
// does) next to `DOCKER_BUILDKIT=0 docker build` (the first docker on PATH,
// 28.x here), both on the same context; first with no cache, then from the
// cache (after one warm build each).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildOptions } from '../../electron/contract/image-build-channels.ts';
import { faceStream, openFaceSocket } from '../../test/helpers/face-client.ts';
import { dockerCli, timed } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

const FILES = 200;
const FILE_BYTES = 10_000;

/** Ten steps: metadata, a COPY of the context's files, and RUNs that write layers. */
const dockerfile = (base: string) => `FROM ${base}
ARG LEVEL=1
ENV APP=/app
WORKDIR /app
COPY data /app/data
RUN head -c 5000000 /dev/urandom > /app/blob
RUN find /app -type f | wc -l > /app/count
RUN echo "level $LEVEL" > /app/level
LABEL bench=build
CMD ["sh"]
`;

export async function measureBuild(
  appUrl: string,
  token: string,
  endpoint: string,
  base: string,
  runs: number,
): Promise<BenchRow[]> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-bench-build-'));
  await mkdir(join(dir, 'data'));
  await writeFile(join(dir, 'Dockerfile'), dockerfile(base));
  for (let i = 0; i < FILES; i++) {
    await writeFile(join(dir, 'data', `f${i}`), Buffer.alloc(FILE_BYTES, i % 256));
  }
  const ws = await openFaceSocket(appUrl, token);
  let sid = 2000;
  const berthBuild = (noCache: boolean) =>
    faceStream(ws, sid++, 'images.build', [
      {
        context: dir,
        tags: ['berth-bench/build:berth'],
        buildArgs: [],
        ...(noCache ? { noCache } : {}),
      } satisfies BuildOptions,
    ]);
  const cliBuild = (noCache: boolean) =>
    dockerCli(
      endpoint,
      'build',
      ...(noCache ? ['--no-cache'] : []),
      '-t',
      'berth-bench/build:cli',
      dir,
    );
  try {
    const rows: BenchRow[] = [];
    for (const noCache of [true, false]) {
      // One build each first, so the cached runs find every step in the cache.
      if (!noCache) {
        await berthBuild(false);
        await cliBuild(false);
      }
      const berth: number[] = [];
      const cli: number[] = [];
      for (let i = 0; i < runs; i++) {
        // Alternate who goes first, so neither always meets a warmer page cache.
        const order = i % 2 === 0 ? ['berth', 'cli'] : ['cli', 'berth'];
        for (const who of order) {
          if (who === 'berth') berth.push((await timed(() => berthBuild(noCache))).ms);
          else cli.push((await timed(() => cliBuild(noCache))).ms);
        }
      }
      rows.push(
        ...summarize(
          `build a 10-step Dockerfile, ${noCache ? 'no cache' : 'all cached'} (images.build stream)`,
          berth,
          cli,
          `DOCKER_BUILDKIT=0 docker build${noCache ? ' --no-cache' : ''}`,
          `context ${FILES} files of ${FILE_BYTES / 1000} kB; classic builder; the 28.x CLI first on PATH`,
        ),
      );
    }
    return rows;
  } finally {
    ws.close();
    await dockerCli(endpoint, 'rmi', 'berth-bench/build:berth', 'berth-bench/build:cli').catch(
      () => undefined,
    );
    await dockerCli(endpoint, 'image', 'prune', '-f').catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}
