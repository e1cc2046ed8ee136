// Export of a ~500 MB volume: Berth's `volumes.export` transfer (a ticket over
// the browser face's WebSocket, then GET /transfers/<id> read to its end by
// curl into /dev/null, as a browser's download would read it, outside any JS)
// next to `docker run --rm -v VOL:/v busybox tar -c /v > /dev/null`, in turns.
// Berth's figure includes making and removing its helper container; the CLI's
// includes starting and removing its container (and its output goes through
// the container's log as well). A second row sets Berth beside the CLI doing
// exactly what Berth does: a helper created, `docker cp` out, removed. The volume holds five 100 MB
// files of random bytes and 2,000 small ones (BENCH_VOLUME_MB sets the total).
import { execFile, spawn } from 'node:child_process';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { TransferTicket } from '../../electron/contract/transfers-channels.ts';
import { faceCall, openFaceSocket } from '../../test/helpers/face-client.ts';
import { dockerCli, timed } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

const execFileAsync = promisify(execFile);
const VOLUME = 'berth-bench-export';

/** A docker command with its output thrown away, as the shell's `> /dev/null` does. */
async function toDevNull(endpoint: string, args: string[]): Promise<void> {
  const devNull = await open('/dev/null', 'w');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn('docker', ['-H', endpoint, ...args], {
        stdio: ['ignore', devNull.fd, 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`docker ${args[0]} exited ${code}: ${stderr}`)),
      );
    });
  } finally {
    await devNull.close();
  }
}

/** The peer: busybox's tar in a container, its output through the CLI's attach. */
const cliTar = (endpoint: string, image: string) =>
  toDevNull(endpoint, ['run', '--rm', '-v', `${VOLUME}:/v`, image, 'tar', '-c', '/v']);

/** The peer Berth mirrors: a helper made and never started, `docker cp` out of it, removed. */
async function cliCp(endpoint: string, image: string): Promise<void> {
  const id = (
    await dockerCli(
      endpoint,
      'create',
      '--network',
      'none',
      '-v',
      `${VOLUME}:/v:ro,nocopy`,
      image,
      'true',
    )
  ).trim();
  try {
    await toDevNull(endpoint, ['cp', `${id}:/v/.`, '-']);
  } finally {
    await dockerCli(endpoint, 'rm', id);
  }
}

export async function measureVolumeExport(
  opts: { appUrl: string; token: string; endpoint: string; image: string },
  megabytes: number,
  runs: number,
): Promise<BenchRow[]> {
  const { appUrl, token, endpoint, image } = opts;
  await dockerCli(endpoint, 'volume', 'create', VOLUME);
  const big = Math.max(1, Math.round(megabytes / 5));
  const made = await timed(() =>
    dockerCli(
      endpoint,
      ...['run', '--rm', '-v', `${VOLUME}:/d`, image, 'sh', '-c'],
      `for i in 1 2 3 4 5; do head -c ${big}m /dev/urandom > /d/big$i.bin; done; ` +
        'mkdir -p /d/small && cd /d/small && i=0; while [ $i -lt 2000 ]; do ' +
        'head -c 4096 /dev/urandom > f$i; i=$((i+1)); done',
    ),
  );
  const bytes = Number(
    (
      await dockerCli(endpoint, 'run', '--rm', '-v', `${VOLUME}:/d`, image, 'du', '-sb', '/d')
    ).split(/\s/)[0],
  );
  console.log(
    `  filled ${VOLUME} (${(bytes / 1e6).toFixed(0)} MB) in ${(made.ms / 1000).toFixed(1)} s`,
  );
  const ws = await openFaceSocket(appUrl, token);
  const berth: number[] = [];
  const cli: number[] = [];
  const cp: number[] = [];
  let exported = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? ['berth', 'cli', 'cp'] : ['cp', 'cli', 'berth'];
      for (const who of order) {
        if (who === 'cli') {
          cli.push((await timed(() => cliTar(endpoint, image))).ms);
          continue;
        }
        if (who === 'cp') {
          cp.push((await timed(() => cliCp(endpoint, image))).ms);
          continue;
        }
        const run = await timed(async () => {
          const ticket = (await faceCall(ws, 'transfers.open', {
            kind: 'volumes.export',
            args: { name: VOLUME },
          })) as TransferTicket;
          const { stdout } = await execFileAsync('curl', [
            '-sSf',
            '-o',
            '/dev/null',
            '-w',
            '%{size_download}',
            new URL(`/transfers/${ticket.id}`, appUrl).href,
          ]);
          return Number(stdout);
        });
        berth.push(run.ms);
        exported = run.value;
      }
    }
  } finally {
    ws.close();
    await dockerCli(endpoint, 'volume', 'rm', VOLUME);
  }
  if (exported < bytes)
    throw new Error(`The export read ${exported} bytes of a ${bytes}-byte volume`);
  const title = `volume export: ${(bytes / 1e6).toFixed(0)} MB volume as a tar (volumes.export download)`;
  const read = `${(exported / 1e6).toFixed(0)} MB read to the end by curl and discarded`;
  return [
    ...summarize(
      title,
      berth,
      cli,
      'docker run --rm -v VOL:/v busybox tar -c /v > /dev/null',
      `goal <= 1.1x; ${read}; the CLI's bytes also go through the container's json-file log`,
    ),
    ...summarize(
      title,
      berth,
      cp,
      'docker create -v VOL:/v busybox true; docker cp ID:/v/. - > /dev/null; docker rm ID',
      'the same mechanism as Berth, straight from the CLI',
    ),
  ];
}
