// The layer analysis (`images.analyse`, `images.layerFiles`) against a real
// engine, with the CLI as the truth: `docker save IMAGE | tar -x`, then
// `tar -t` of each layer. Images are built here from the busybox test image
// (adds, rewrites, deletes of files and whole folders, an empty RUN layer,
// links, hostile names) plus one of 105 layers made by `docker load` of a
// generated archive (seconds, where 105 Dockerfile steps take minutes).
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import type {
  AnalyseLine,
  ImageAnalysis,
  LayerEntry,
} from '../../electron/contract/image-layers-channels.ts';
import { LineSplitter } from '../../electron/contract/line-splitter.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { analyseProbe } from '../../electron/services/images/layers/analyse-stream.ts';
import { SettingsFile } from '../../electron/services/settings.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { classicArchive } from '../helpers/image-archive-fixture.ts';
import { docker, type TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';
import { startCuttingProxy } from '../helpers/cutting-proxy.ts';
import { makeTar } from '../helpers/tar-fixture.ts';

const execFileAsync = promisify(execFile);

let env: EngineServices;
let engine: TestEngine;
let services: AppServices;
let cacheDir: string;
let work: string;

const CHANGES = 'berth-layers/changes:1';
const MANY = 'berth-layers/many:1';
const EMPTY_AT = 50;

const dockerfile = `FROM berth-test/busybox
RUN mkdir -p /data/keep /data/gone/deep && echo one > /data/keep/a && echo two > /data/gone/deep/b && head -c 3000 /dev/zero > /data/big
RUN echo changed > /data/keep/a && rm -rf /data/gone && rm /data/big
RUN true
ENV X=1
RUN mkdir /data/swap && echo in > /data/swap/in
RUN rm -rf /data/swap && echo file > /data/swap
RUN rm /data/swap && mkdir /data/swap && echo back > /data/swap/again
RUN ln -s ../../../../etc/shadow /data/outside && ln -s /etc/passwd /data/abs && ln /data/keep/a /data/hard
RUN touch "/data/$(printf 'new\\nline')" "/data/<img src=x onerror=alert(1)>" "/data/$(printf 'bad\\377name')" "/data/$(printf 'bad\\376name')"
`;

beforeAll(async () => {
  env = await startEngineServices({
    name: 'layers',
    extras: (scratch) => ({ layerCacheDir: join(scratch, 'cache') }),
  });
  ({ engine, services, scratch: work } = env);
  cacheDir = join(work, 'cache');
  await writeFile(join(work, 'Dockerfile'), dockerfile);
  const built = Date.now();
  await docker(engine, 'build', '-q', '-t', CHANGES, work);
  const many = await manyLayerArchive(105);
  await execFileAsync('sh', ['-c', `docker -H '${engine.endpoint}' load -q < '${many}'`]);
  console.log(`[image-layers] test images built in ${Date.now() - built} ms`);
});

afterAll(async () => {
  await env?.dispose();
});

/** A classic archive of `count` one-file layers, for `docker load`. */
async function manyLayerArchive(count: number): Promise<string> {
  const layers = Array.from({ length: count }, (_, i) =>
    // One empty layer (the empty tar), as BuildKit or a `docker load` may hold.
    makeTar(
      i === EMPTY_AT
        ? []
        : [
            { name: 'steps/', type: 'dir' },
            { name: `steps/${i}`, body: `step ${i}\n` },
          ],
    ),
  );
  const history = layers.map((_, i) => ({ created_by: `/bin/sh -c echo step ${i} > /steps/${i}` }));
  const { archive } = classicArchive(layers, { history, tag: MANY });
  const path = join(work, 'many.tar');
  await writeFile(path, archive);
  return path;
}

interface Analysed {
  lines: AnalyseLine[];
  analysis?: ImageAnalysis;
  error?: ErrorEnvelope;
}

function analyse(ref: string, through: AppServices = services): Promise<Analysed> {
  const result: Analysed = { lines: [] };
  const splitter = new LineSplitter();
  const stream = through.streams['images.analyse']({ ref });
  return new Promise((resolve) => {
    stream.on('data', (chunk: Buffer) => {
      for (const text of splitter.push(chunk)) {
        if (!text.trim()) continue;
        const line = JSON.parse(text) as AnalyseLine;
        result.lines.push(line);
        if (line.kind === 'done') result.analysis = line.analysis;
      }
    });
    stream.on('end', () => resolve(result));
    stream.on('error', (error: Error & { envelope?: ErrorEnvelope }) => {
      result.error = error.envelope ?? { kind: 'internal', message: error.message };
      resolve(result);
    });
  });
}

/** `tar -t` output (escape quoting) back to the name's bytes, as latin1 text. */
function unescapeTar(line: string): string {
  return line.replace(/\\(\\|n|t|[0-7]{3})/g, (_, e: string) =>
    e === '\\' ? '\\' : e === 'n' ? '\n' : e === 't' ? '\t' : String.fromCharCode(parseInt(e, 8)),
  );
}

/** Our text back to the name's bytes (lone surrogates U+DC80+b are byte b), as latin1 text. */
function bytesOfPath(path: string): string {
  let out = '';
  for (const ch of path) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xdc80 && code <= 0xdcff) out += String.fromCharCode(code - 0xdc00);
    else out += Buffer.from(ch, 'utf8').toString('latin1');
  }
  return out;
}

/** The CLI's truth: each layer's tar listing, bottom first, names normalised as ours are. */
async function cliLayerListings(ref: string): Promise<string[][]> {
  const dir = await mkdtemp(join(work, 'save-'));
  await execFileAsync('sh', [
    '-c',
    `docker -H '${engine.endpoint}' save '${ref}' | tar -x -C '${dir}'`,
  ]);
  const manifest = JSON.parse(
    (await execFileAsync('cat', [join(dir, 'manifest.json')])).stdout,
  ) as { Layers: string[] }[];
  const out: string[][] = [];
  for (const layer of manifest[0]!.Layers) {
    const { stdout } = await execFileAsync(
      'tar',
      ['-t', '--quoting-style=escape', '-f', join(dir, layer)],
      {
        encoding: 'latin1',
        maxBuffer: 64 << 20,
      },
    );
    out.push(
      stdout
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => unescapeTar(l).replace(/^\.\//, '').replace(/\/$/, ''))
        .filter((l) => l !== '' && l !== '.'),
    );
  }
  await rm(dir, { recursive: true, force: true });
  return out;
}

/**
 * Differences between our changes view of a layer and its tar's listing (the
 * CLI's truth): written paths must be the tar's non-whiteout entries; each
 * whiteout must name a path we list as removed; each path we list as removed
 * must be explained by a whiteout, an opaque folder or a non-folder written
 * over one of its parents.
 */
function differences(changes: LayerEntry[], tar: string[]): string[] {
  const out: string[] = [];
  const isWhiteout = (p: string) => /(^|\/)\.wh\./.test(p);
  const written = changes
    .filter((e) => e.change !== 'removed')
    .map((e) => bytesOfPath(e.path))
    .sort();
  const tarWritten = tar.filter((p) => !isWhiteout(p)).sort();
  if (JSON.stringify(written) !== JSON.stringify(tarWritten)) {
    out.push(`written ${JSON.stringify(written)} but the tar has ${JSON.stringify(tarWritten)}`);
  }
  const removed = new Set(
    changes.filter((e) => e.change === 'removed').map((e) => bytesOfPath(e.path)),
  );
  const covers = new Set<string>();
  const opaque = new Set<string>();
  for (const p of tar.filter(isWhiteout)) {
    const slash = p.lastIndexOf('/');
    const dir = slash < 0 ? '' : p.slice(0, slash);
    const base = p.slice(slash + 1);
    if (base === '.wh..wh..opq') opaque.add(dir);
    else if (!base.startsWith('.wh..wh.')) {
      const target = (dir ? `${dir}/` : '') + base.slice(4);
      covers.add(target);
      if (!removed.has(target)) out.push(`the tar removes ${target}, we do not`);
    }
  }
  const nonDirs = new Set(
    changes
      .filter((e) => e.change !== 'removed' && e.kind !== 'dir')
      .map((e) => bytesOfPath(e.path)),
  );
  for (const p of removed) {
    const parts = p.split('/');
    const explained = parts.some((_, i) => {
      const prefix = parts.slice(0, i + 1).join('/');
      const parent = parts.slice(0, i).join('/');
      return (
        covers.has(prefix) ||
        (i < parts.length - 1 && nonDirs.has(prefix)) ||
        (i > 0 && opaque.has(parent))
      );
    });
    if (!explained) out.push(`we remove ${p}, the tar does not`);
  }
  return out;
}

describe('image layer analysis against the engine', () => {
  it('lists each layer as the CLI does, with removals, kind changes, links and hostile names', async () => {
    const result = await analyse(CHANGES);
    expect(result.error).toBeUndefined();
    const analysis = result.analysis!;
    const truth = await cliLayerListings(CHANGES);
    expect(analysis.layers).toHaveLength(truth.length);
    for (let i = 0; i < truth.length; i++) {
      const changes = await services.calls['images.layerFiles']({
        imageId: analysis.imageId,
        layer: i,
        view: 'changes',
      });
      expect({ layer: i, differences: differences(changes, truth[i]!) }).toEqual({
        layer: i,
        differences: [],
      });
    }
    const last = analysis.layers.length - 1;
    const changesAt = (i: number) =>
      services.calls['images.layerFiles']({ imageId: analysis.imageId, layer: i, view: 'changes' });
    const summary = async (i: number) =>
      (await changesAt(i))
        .filter((e) => e.path.startsWith('data'))
        .map((e) => `${e.change} ${e.kind} ${e.path}`);
    // Layer 1 is the first RUN: then the rewrite and the deletions.
    expect(await summary(2)).toEqual([
      'modified dir data',
      'removed file data/big',
      'removed dir data/gone',
      'removed dir data/gone/deep',
      'removed file data/gone/deep/b',
      'modified dir data/keep',
      'modified file data/keep/a',
    ]);
    // dockerd's classic builder makes no layer for a RUN that changed nothing
    // (moby's NewChildImage marks it empty_layer): the 105-layer image has a real empty one.
    expect(analysis.history.find((h) => h.createdBy?.endsWith('-c true'))).toMatchObject({
      emptyLayer: true,
    });
    expect(analysis.history.filter((h) => !h.emptyLayer)).toHaveLength(analysis.layers.length);
    expect(await summary(4)).toEqual([
      'modified dir data',
      'modified file data/swap',
      'removed file data/swap/in',
    ]);
    expect(await summary(5)).toEqual([
      'modified dir data',
      'modified dir data/swap',
      'added file data/swap/again',
    ]);
    const links = await changesAt(6);
    expect(links.find((e) => e.path === 'data/outside')).toMatchObject({
      kind: 'symlink',
      linkTarget: '../../../../etc/shadow',
    });
    expect(links.find((e) => e.path === 'data/abs')).toMatchObject({
      kind: 'symlink',
      linkTarget: '/etc/passwd',
    });
    // Linking a lower layer's file copies it up: both names are in the layer, the second a link to the first.
    expect(links.find((e) => e.path === 'data/hard')).toMatchObject({ kind: 'file', size: 8 });
    expect(links.find((e) => e.path === 'data/keep/a')).toMatchObject({
      kind: 'hardlink',
      linkTarget: 'data/hard',
      change: 'modified',
    });
    const names = (await changesAt(last)).map((e) => e.path);
    expect(names).toEqual(
      expect.arrayContaining([
        'data/new\nline',
        'data/<img src=x onerror=alert(1)>',
        'data/bad\udcffname',
        'data/bad\udcfename',
      ]),
    );
    const fs = await services.calls['images.layerFiles']({
      imageId: analysis.imageId,
      layer: last,
      view: 'filesystem',
    });
    expect(fs.find((e) => e.path === 'data/gone')).toBeUndefined();
    expect(fs.find((e) => e.path === 'bin/busybox')).toMatchObject({
      change: 'unchanged',
      kind: 'file',
    });
    // data/big (3000 bytes, then removed) is the worst offender.
    expect(analysis.efficiency.worst[0]).toMatchObject({
      path: 'data/big',
      wastedBytes: 3000,
      layers: [1, 2],
    });
  });

  it('reads an image of 105 layers, and a second look comes from the cache without reading the archive', async () => {
    const started = Date.now();
    const first = await analyse(MANY);
    console.log(`[image-layers] 105 layers analysed in ${Date.now() - started} ms`);
    expect(first.error, JSON.stringify(first.error)).toBeUndefined();
    expect(first.analysis!.layers).toHaveLength(105);
    expect(first.lines.some((l) => l.kind === 'progress')).toBe(true);
    // We made its layers (steps/N each), so they are the truth here: no second save of 105 layers.
    const top = await services.calls['images.layerFiles']({
      imageId: first.analysis!.imageId,
      layer: 104,
      view: 'changes',
    });
    expect(top.map((e) => `${e.change} ${e.path}`)).toEqual(['modified steps', 'added steps/104']);
    const fs = await services.calls['images.layerFiles']({
      imageId: first.analysis!.imageId,
      layer: 104,
      view: 'filesystem',
    });
    expect(fs.filter((e) => e.path.startsWith('steps/'))).toHaveLength(104);
    const empty = await services.calls['images.layerFiles']({
      imageId: first.analysis!.imageId,
      layer: EMPTY_AT,
      view: 'changes',
    });
    expect(empty).toEqual([]);
    expect(first.analysis!.layers[EMPTY_AT]).toMatchObject({ size: 0, entries: 0 });

    const reads = analyseProbe.archiveReads;
    const second = await analyse(MANY);
    expect(analyseProbe.archiveReads).toBe(reads);
    expect(second.lines.map((l) => l.kind)).toEqual(['done']);
    expect(second.analysis).toEqual(first.analysis);
  });

  it('analyses an image sharing every layer from the cache and the history API, without the archive', async () => {
    const base = (await analyse(CHANGES)).analysis!;
    await docker(engine, 'build', '-q', '--label', 'shared=1', '-t', 'berth-layers/shared:1', work);
    const reads = analyseProbe.archiveReads;
    const shared = await analyse('berth-layers/shared:1');
    expect(analyseProbe.archiveReads).toBe(reads);
    expect(shared.lines.map((l) => l.kind)).toEqual(['done']);
    const analysis = shared.analysis!;
    expect(analysis.imageId).not.toBe(base.imageId);
    expect(analysis.layers).toEqual(base.layers);
    expect(analysis.efficiency).toEqual(base.efficiency);
    expect(analysis.history.map((h) => [h.createdBy, h.emptyLayer])).toEqual([
      ...base.history.map((h) => [h.createdBy, h.emptyLayer]),
      [expect.stringContaining('LABEL shared=1'), true],
    ]);
  });

  it('says clearly when the image is removed while it is analysed, and caches nothing for it', async () => {
    // A layer of its own, so its analysis needs the archive.
    await writeFile(
      join(work, 'Dockerfile.doomed'),
      `FROM ${CHANGES}\nRUN echo doomed > /doomed\n`,
    );
    await docker(
      engine,
      'build',
      '-q',
      '-f',
      join(work, 'Dockerfile.doomed'),
      '-t',
      'berth-layers/doomed:1',
      work,
    );
    const doomedId = (
      await docker(engine, 'image', 'inspect', '--format', '{{.Id}}', 'berth-layers/doomed:1')
    ).trim();
    analyseProbe.beforeArchiveRead = async () => {
      await docker(engine, 'rmi', '-f', 'berth-layers/doomed:1');
    };
    try {
      const result = await analyse('berth-layers/doomed:1');
      expect(result.analysis).toBeUndefined();
      expect(result.error).toMatchObject({ kind: 'not-found' });
      expect(result.error!.message).toMatch(/was removed while it was being read/);
    } finally {
      analyseProbe.beforeArchiveRead = undefined;
    }
    expect(await readdir(join(cacheDir, 'images'))).not.toContain(`${doomedId.slice(7)}.json`);
    // The app goes on: another image is analysed (from cache) as before.
    expect((await analyse(CHANGES)).analysis).toBeDefined();
  });

  it('a truncated or corrupt archive is a clear error, caches nothing, and the next look starts over', async () => {
    const proxy = await startCuttingProxy(engine.socketPath, work);
    const otherCache = join(work, 'other-cache');
    const viaProxy = createAppServices(
      {
        mode: proxy.endpoint,
        discover: async () => [],
        managed: null,
        noEngineAdvice: 'Install docker.io.',
        settings: new SettingsFile(await mkdtemp(join(work, 'settings-'))),
      },
      { layerCacheDir: otherCache },
    );
    try {
      await viaProxy.manager.init();
      proxy.mode = 'cut';
      proxy.afterBytes = 300_000;
      const cut = await analyse(CHANGES, viaProxy);
      expect(cut.analysis).toBeUndefined();
      expect(cut.error?.message).toMatch(
        /Couldn't read the image's archive: (the engine stopped sending it|the archive ended early)/,
      );
      expect(await readdir(otherCache).catch(() => [])).toEqual([]);

      proxy.mode = 'corrupt';
      proxy.afterBytes = 600_000;
      const corrupt = await analyse(CHANGES, viaProxy);
      expect(corrupt.analysis).toBeUndefined();
      expect(corrupt.error?.message).toMatch(
        /Couldn't read the image's archive: .*(corrupt|checksum|not a tar|ended early|stopped sending)/,
      );
      expect(await readdir(otherCache).catch(() => [])).toEqual([]);

      proxy.mode = 'pass';
      const reads = analyseProbe.archiveReads;
      const whole = await analyse(CHANGES, viaProxy);
      expect(whole.error).toBeUndefined();
      expect(analyseProbe.archiveReads).toBe(reads + 1);
      expect(whole.analysis!.layers.length).toBeGreaterThan(5);
    } finally {
      await viaProxy.dispose();
      await proxy.close();
    }
  });

  it('closing the stream while the archive is read ends the reader and the engine request, and caches nothing', async () => {
    const proxy = await startCuttingProxy(engine.socketPath, work);
    const viaProxy = createAppServices(
      {
        mode: proxy.endpoint,
        discover: async () => [],
        managed: null,
        noEngineAdvice: 'Install docker.io.',
        settings: new SettingsFile(await mkdtemp(join(work, 'settings-'))),
      },
      { layerCacheDir: join(work, 'cancel-cache') },
    );
    try {
      await viaProxy.manager.init();
      proxy.mode = 'hold';
      proxy.afterBytes = 200_000;
      const stream = viaProxy.streams['images.analyse']({ ref: CHANGES });
      const splitter = new LineSplitter();
      // Mid-archive: a progress line with bytes read, and the proxy holding the rest.
      await new Promise<void>((resolve, reject) => {
        stream.on('data', (chunk: Buffer) => {
          for (const text of splitter.push(chunk)) {
            const line = JSON.parse(text) as AnalyseLine;
            if (line.kind === 'progress' && line.read > 0) resolve();
          }
        });
        stream.once('error', reject);
      });
      expect(analyseProbe.readersRunning).toBe(1);
      expect(proxy.exportsOpen()).toBe(1);
      stream.destroy();
      const deadline = Date.now() + FOLLOW_MS;
      while (
        (analyseProbe.readersRunning > 0 || proxy.exportsOpen() > 0) &&
        Date.now() < deadline
      ) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(analyseProbe.readersRunning).toBe(0);
      expect(proxy.exportsOpen()).toBe(0);
      expect(await readdir(join(work, 'cancel-cache')).catch(() => [])).toEqual([]);
    } finally {
      await viaProxy.dispose();
      await proxy.close();
    }
  });

  it('reads again, and recreates the cache, when its folder was deleted while the app runs', async () => {
    await rm(cacheDir, { recursive: true, force: true });
    const reads = analyseProbe.archiveReads;
    const result = await analyse(CHANGES);
    expect(result.error).toBeUndefined();
    expect(analyseProbe.archiveReads).toBe(reads + 1);
    expect((await readdir(join(cacheDir, 'layers'))).length).toBeGreaterThan(0);
  });
});
