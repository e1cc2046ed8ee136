// Save of a ~400 MB image: Berth's `images.save` transfer (a ticket over the
// browser face's WebSocket, then GET /transfers/<id> written to a file by
// curl, as a browser's own download would) next to `docker save -o FILE` of the same image, in
// turns, both writing to the same folder. The image is image-layers.ts's
// generated fixture (many small files, five layers), built at
// BENCH_SAVE_MB unless the layers scenario left it behind.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TransferTicket } from '../../electron/contract/transfers-channels.ts';
import { faceCall, openFaceSocket } from '../../test/helpers/face-client.ts';
import { dockerCli, timed } from './cli.ts';
import { BIG, buildImages } from './image-layers.ts';
import { summarize, type BenchRow } from './stats.ts';

const execFileAsync = promisify(execFile);

/** utime + stime of a process, in seconds (Linux clock ticks are 1/100 s). */
async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function imageBytes(endpoint: string): Promise<number | null> {
  try {
    return Number(await dockerCli(endpoint, 'image', 'inspect', '--format', '{{.Size}}', BIG));
  } catch {
    return null;
  }
}

export async function measureImageSave(
  opts: { appUrl: string; token: string; endpoint: string; appPid: number },
  megabytes: number,
  runs: number,
): Promise<BenchRow[]> {
  let size = await imageBytes(opts.endpoint);
  if (size === null) {
    const built = await timed(() => buildImages(opts.endpoint, megabytes));
    size = (await imageBytes(opts.endpoint))!;
    console.log(`  built ${BIG} (${built.value}) in ${(built.ms / 1000).toFixed(1)} s`);
  }
  const cliVersion = (
    await dockerCli(opts.endpoint, 'version', '--format', '{{.Client.Version}}')
  ).trim();
  const work = await mkdtemp(join(tmpdir(), 'berth-bench-save-'));
  const ws = await openFaceSocket(opts.appUrl, opts.token);
  const berth: number[] = [];
  const cli: number[] = [];
  let berthFile = 0;
  /** CPU seconds the app process spent relaying the archives (user + system). */
  let appCpu = 0;
  let cliFile = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? ['berth', 'cli'] : ['cli', 'berth'];
      for (const who of order) {
        const file = join(work, `${who}.tar`);
        if (who === 'cli') {
          cli.push((await timed(() => dockerCli(opts.endpoint, 'save', '-o', file, BIG))).ms);
          cliFile = (await stat(file)).size;
        } else {
          berth.push(
            (
              await timed(async () => {
                const cpuBefore = await cpuSeconds(opts.appPid);
                const ticket = (await faceCall(ws, 'transfers.open', {
                  kind: 'images.save',
                  args: { refs: [BIG] },
                })) as TransferTicket;
                // curl writes the file as a browser's own download would, outside any JS.
                await execFileAsync('curl', [
                  '-sSf',
                  '-o',
                  file,
                  new URL(`/transfers/${ticket.id}`, opts.appUrl).href,
                ]);
                appCpu += (await cpuSeconds(opts.appPid)) - cpuBefore;
              })
            ).ms,
          );
          berthFile = (await stat(file)).size;
        }
        await rm(file, { force: true });
      }
    }
  } finally {
    ws.close();
    await rm(work, { recursive: true, force: true });
  }
  const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
  return summarize(
    `image save: ${mb(size)} image to a file (images.save download)`,
    berth,
    cli,
    `docker save -o (CLI ${cliVersion}, first docker on PATH)`,
    `goal <= 1.05x; archives ${mb(berthFile)} (Berth) and ${mb(cliFile)} (CLI); the app process spent ${(appCpu / runs).toFixed(1)} s of CPU per save relaying it`,
  );
}
