// The image page's layer analysis on a realistic image: a generated tree of
// ~20,000 files (BENCH_LAYERS_MB, 300 by default) with busybox, imported as
// one layer, then Dockerfile steps that rewrite files, delete whole folders,
// copy one and write then delete a 20 MB blob. Berth's `images.analyse` (over
// the browser face's WebSocket, acking as the page does) to `done`, and to the
// top layer's tree, next to `docker save IMAGE > /dev/null` (the floor: the
// engine writing the archive); then a second look and an image sharing all
// its layers (`FROM` it + a LABEL), next to `docker history`. Peak memory: the
// app process's peak RSS during the first look (VmHWM after clear_refs) and
// the reader thread's heap peak (its BERTH_TRACE_LAYERS line).
import { execFile } from 'node:child_process';
import {
  chmod,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  symlink,
  writeFile,
  copyFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type WebSocket from 'ws';
import type { AnalyseLine, ImageAnalysis } from '../../electron/contract/image-layers-channels.ts';
import { LineSplitter } from '../../electron/contract/line-splitter.ts';
import { importRootfs } from '../../test/helpers/busybox-image.ts';
import { faceCall, faceStream, openFaceSocket } from '../../test/helpers/face-client.ts';
import { dockerCli, timed } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

const execFileAsync = promisify(execFile);
export const BIG = 'berth-bench/layers:big';
const SHARED = 'berth-bench/layers:shared';
const DIRS = 60;

/** The rootfs: busybox and its applets, then DIRS folders of files of 1-31 kB. */
async function generateTree(dir: string, megabytes: number): Promise<number> {
  await mkdir(join(dir, 'bin'), { recursive: true });
  await copyFile('/bin/busybox', join(dir, 'bin/busybox'));
  await chmod(join(dir, 'bin/busybox'), 0o755);
  for (const applet of ['sh', 'rm', 'cp', 'echo', 'head', 'mkdir', 'cat', 'ls', 'true']) {
    await symlink('busybox', join(dir, 'bin', applet));
  }
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const target = megabytes * 1024 * 1024;
  let written = 0;
  let files = 0;
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const chunk = Buffer.alloc(32 * 1024, 'x');
  for (let d = 0; written < target; d = (d + 1) % DIRS) {
    const folder = join(dir, 'app', `d${String(d).padStart(2, '0')}`);
    if (files < DIRS) await mkdir(folder, { recursive: true });
    const size = 1024 + (next() % (30 * 1024));
    await writeFile(join(folder, `f${files}`), chunk.subarray(0, size));
    written += size;
    files++;
  }
  return files;
}

export async function buildImages(endpoint: string, megabytes: number): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'berth-bench-layers-'));
  try {
    const files = await generateTree(join(work, 'root'), megabytes);
    await importRootfs(endpoint, join(work, 'root'), `${BIG}-base`);
    await writeFile(
      join(work, 'Dockerfile'),
      `FROM ${BIG}-base
RUN for f in /app/d0*/*; do echo more >> "$f"; done
RUN rm -rf /app/d1*
RUN cp -a /app/d20 /app/d20-copy && head -c 20000000 /dev/zero > /app/blob
RUN rm /app/blob && rm -f /app/d3*/f1*
`,
    );
    await mkdir(join(work, 'ctx'));
    await execFileAsync(
      'docker',
      ['-H', endpoint, 'build', '-q', '-t', BIG, '-f', join(work, 'Dockerfile'), join(work, 'ctx')],
      {
        env: { ...process.env, DOCKER_BUILDKIT: '0' },
        maxBuffer: 16 << 20,
      },
    );
    await writeFile(join(work, 'Dockerfile.shared'), `FROM ${BIG}\nLABEL shared=1\n`);
    await execFileAsync(
      'docker',
      [
        '-H',
        endpoint,
        'build',
        '-q',
        '-t',
        SHARED,
        '-f',
        join(work, 'Dockerfile.shared'),
        join(work, 'ctx'),
      ],
      {
        env: { ...process.env, DOCKER_BUILDKIT: '0' },
      },
    );
    return `${files} files generated`;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Opens `images.analyse` on the socket; resolves with its analysis when `done` arrives. */
async function analyseOverWebSocket(
  ws: WebSocket,
  sid: number,
  ref: string,
): Promise<ImageAnalysis> {
  const splitter = new LineSplitter();
  let analysis: ImageAnalysis | undefined;
  await faceStream(ws, sid, 'images.analyse', [{ ref }], (bytes) => {
    for (const text of splitter.push(bytes)) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as AnalyseLine;
      if (line.kind === 'done') analysis = line.analysis;
    }
  });
  if (!analysis) throw new Error('images.analyse ended without its analysis');
  return analysis;
}

/** VmHWM (the peak since clear_refs) or VmRSS (now) of a process, in MB. */
async function rssMb(pid: number, field: 'VmHWM' | 'VmRSS'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
}

export async function measureImageLayers(
  opts: {
    appUrl: string;
    token: string;
    endpoint: string;
    appPid: number;
    dataDir: string;
    output: () => string;
  },
  megabytes: number,
  runs: number,
): Promise<BenchRow[]> {
  const built = await timed(() => buildImages(opts.endpoint, megabytes));
  const sizeMb =
    Number(await dockerCli(opts.endpoint, 'image', 'inspect', '--format', '{{.Size}}', BIG)) /
    1048576;
  console.log(
    `  built ${BIG} (${sizeMb.toFixed(0)} MB, ${built.value}) in ${(built.ms / 1000).toFixed(1)} s`,
  );
  const cacheDir = join(opts.dataDir, 'layer-cache');
  const sharedId = (
    await dockerCli(opts.endpoint, 'image', 'inspect', '--format', '{{.Id}}', SHARED)
  ).trim();
  const ws = await openFaceSocket(opts.appUrl, opts.token);
  let sid = 5000;
  const look = async (ref: string) => {
    const analysis = await analyseOverWebSocket(ws, sid++, ref);
    const top = analysis.layers.length - 1;
    const files = (await faceCall(ws, 'images.layerFiles', {
      imageId: analysis.imageId,
      layer: top,
      view: 'changes',
    })) as unknown[];
    return { analysis, files: files.length };
  };
  const first: number[] = [];
  const firstTree: number[] = [];
  const floor: number[] = [];
  const second: number[] = [];
  const shared: number[] = [];
  const history: number[] = [];
  const peaks: number[] = [];
  const before: number[] = [];
  let paths = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const order = i % 2 === 0 ? ['berth', 'cli'] : ['cli', 'berth'];
      for (const who of order) {
        if (who === 'cli') {
          floor.push(
            (
              await timed(() =>
                execFileAsync('sh', [
                  '-c',
                  `docker -H '${opts.endpoint}' save '${BIG}' > /dev/null`,
                ]),
              )
            ).ms,
          );
          continue;
        }
        await rm(cacheDir, { recursive: true, force: true });
        await writeFile(`/proc/${opts.appPid}/clear_refs`, '5');
        before.push(await rssMb(opts.appPid, 'VmRSS'));
        const start = performance.now();
        const analysis = await analyseOverWebSocket(ws, sid++, BIG);
        first.push(performance.now() - start);
        const files = (await faceCall(ws, 'images.layerFiles', {
          imageId: analysis.imageId,
          layer: 0,
          view: 'changes',
        })) as unknown[];
        firstTree.push(performance.now() - start);
        paths = files.length;
        peaks.push(await rssMb(opts.appPid, 'VmHWM'));
      }
      second.push((await timed(() => look(BIG))).ms);
      await rm(join(cacheDir, 'images', `${sharedId.slice(7)}.json`), { force: true });
      shared.push((await timed(() => look(SHARED))).ms);
      history.push((await timed(() => dockerCli(opts.endpoint, 'history', '--no-trunc', BIG))).ms);
    }
  } finally {
    ws.close();
  }
  const heaps = [...opts.output().matchAll(/reader heap peak ([\d.]+) MB/g)].map((m) =>
    Number(m[1]),
  );
  const growth = Math.max(...peaks.map((p, i) => p - before[i]!));
  const memory = `peak RSS of the app process during a first look: max ${Math.max(...peaks).toFixed(0)} MB, at most ${growth.toFixed(0)} MB over its RSS before the look; reader thread heap peak: max ${Math.max(...heaps).toFixed(0)} MB (goal < 200 MB)`;
  const what = `${sizeMb.toFixed(0)} MB image, ${paths} paths in its base layer`;
  return [
    ...summarize(
      `image layers: first look, analyse -> done (${what})`,
      first,
      floor,
      'docker save > /dev/null',
      `goal <= 1.1x the floor; ${memory}`,
    ),
    ...summarize(
      `image layers: first look -> base layer's tree`,
      firstTree,
      floor,
      'docker save > /dev/null',
      'analysis, then images.layerFiles of the 20k-path base layer',
    ),
    ...summarize(
      'image layers: second look (cache) -> top layer tree',
      second,
      history,
      'docker history --no-trunc',
      'goal < 100 ms',
    ),
    ...summarize(
      'image layers: image sharing all layers, first look -> top layer tree',
      shared,
      history,
      'docker history --no-trunc',
      'goal < 100 ms; FROM the big image + LABEL',
    ),
  ];
}
