// `images.history` against images built here from the busybox test image,
// with the docker CLI as the truth: each step's text as `docker history
// --no-trunc` prints it, its size and comment, the instruction it came from,
// and, from `docker save`, which step made which layer and the bases.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageHistory } from '../../electron/contract/image-history-channels.ts';
import { stepText } from '../../electron/contract/image-history/created-by.ts';
import {
  alignHistories,
  matchHistoryToLayers,
} from '../../electron/contract/image-history/layer-match.ts';
import type { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker, type TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';

const execFileAsync = promisify(execFile);

let env: EngineServices;
let engine: TestEngine;
let dispatcher: Dispatcher;
let work: string;

const BASE = 'berth-layers/base:1';
const APP = 'berth-layers/app:1';
const COMMITTED = 'berth-layers/committed:1';
const COMMIT_MESSAGE = `it's <b>"hostile"</b>\tand tabbed`;

async function build(tag: string, dockerfile: string): Promise<void> {
  const dir = await mkdtemp(join(work, 'ctx-'));
  await writeFile(join(dir, 'Dockerfile'), dockerfile);
  await writeFile(join(dir, 'hello.txt'), 'hello\n');
  await docker(engine, 'build', '-q', '-t', tag, dir);
}

beforeAll(async () => {
  env = await startEngineServices({ name: 'history' });
  ({ engine, dispatcher, scratch: work } = env);
  await build(BASE, `FROM ${busyboxImage}\nRUN echo base > /base.txt\n`);
  await build(
    APP,
    [
      `FROM ${BASE}`,
      'LABEL org.example.title="layers test"\tkind=tabbed',
      'ENV GREETING="hi there"',
      'ARG V=1',
      'RUN echo "$V\tv" > /app.txt',
      'COPY hello.txt /dst/',
      // The classic builder keeps no layer for a RUN that changed nothing (BuildKit does).
      'RUN true',
      // A layer of 0 bytes: only /tmp's time changes. Sizes cannot tell it from ENV.
      'RUN touch /tmp',
      'WORKDIR /work',
      'CMD ["sh"]',
      '',
    ].join('\n'),
  );
  await docker(engine, 'run', '--name', 'committer', APP, 'sh', '-c', 'echo c > /c.txt');
  await docker(engine, 'commit', '-m', COMMIT_MESSAGE, 'committer', COMMITTED);
}, 180_000);

afterAll(async () => {
  await env?.dispose();
});

async function history(ref: string): Promise<ImageHistory> {
  const reply = await dispatcher.call('images.history', [ref]);
  if (!reply.ok) throw new Error(`images.history failed: ${reply.error.message}`);
  return reply.value as ImageHistory;
}

/** One JSON value per history step, newest first, as the CLI formats it. */
async function cliHistory(ref: string, field: string): Promise<unknown[]> {
  const out = await docker(
    engine,
    'history',
    '--no-trunc',
    '--human=false',
    '--format',
    `{{json .${field}}}`,
    ref,
  );
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

/** `docker save` unpacked: the manifest's config and its layer folders. */
async function savedImage(ref: string) {
  const dir = await mkdtemp(join(work, 'save-'));
  await execFileAsync('sh', [
    '-c',
    `docker -H "$1" save "$2" | tar -x -C "$3"`,
    'sh',
    engine.endpoint,
    ref,
    dir,
  ]);
  const [manifest] = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as [
    { Config: string; Layers: string[] },
  ];
  const config = JSON.parse(await readFile(join(dir, manifest.Config), 'utf8')) as {
    history: { created_by?: string; empty_layer?: boolean }[];
    rootfs: { diff_ids: string[] };
  };
  return { dir, manifest, config };
}

describe('images.history', () => {
  it("gives each step's command, size and comment as docker history --no-trunc does", async () => {
    for (const ref of [APP, COMMITTED]) {
      const h = await history(ref);
      expect(h.entries.map((e) => e.cliText)).toEqual(await cliHistory(ref, 'CreatedBy'));
      expect(h.entries.map((e) => String(e.size))).toEqual(await cliHistory(ref, 'Size'));
      expect(h.entries.map((e) => e.comment)).toEqual(await cliHistory(ref, 'Comment'));
      expect(h.entries.map((e) => e.id ?? '<missing>')).toEqual(await cliHistory(ref, 'ID'));
    }
    // The CLI prints the RUN's tab as a space; the engine keeps it.
    const run = (await history(APP)).entries.find((e) => e.createdBy.includes('app.txt'))!;
    expect(run.createdBy).toContain('\t');
    expect(run.cliText).not.toContain('\t');
  });

  it('cleans each step into the Dockerfile instruction it came from', async () => {
    const h = await history(COMMITTED);
    expect(h.entries.map((e) => stepText(e.step))).toEqual([
      'docker commit (the container ran: sh -c echo c > /c.txt)',
      'CMD ["sh"]',
      'WORKDIR /work',
      'RUN touch /tmp',
      'RUN true',
      expect.stringMatching(/^COPY file:[0-9a-f]{12} \/dst\/$/),
      'RUN echo "$V\tv" > /app.txt',
      'ARG V=1',
      'ENV GREETING=hi there',
      'LABEL org.example.title=layers test kind=tabbed',
      'RUN echo base > /base.txt',
      'docker import -',
    ]);
    expect(h.entries[0]!.comment).toBe(COMMIT_MESSAGE);
    expect(h.entries.filter((e) => e.step.buildArgs).map((e) => e.step.buildArgs)).toEqual([
      'V=1',
      'V=1',
      'V=1',
    ]);
    expect(h.entries[0]!.tags).toEqual([COMMITTED]);
  });

  it("matches steps to layers by the config's empty_layer, as the archive's layers show", async () => {
    const h = await history(APP);
    const { dir, manifest, config } = await savedImage(APP);
    expect(h.diffIds).toEqual(config.rootfs.diff_ids);
    const steps = config.history.map((s) => ({
      createdBy: s.created_by ?? '',
      emptyLayer: s.empty_layer ?? false,
    }));
    const aligned = alignHistories(h.entries, steps);
    const match = matchHistoryToLayers(steps, h.diffIds);
    if (!aligned.aligned || !match.matched) throw new Error('the history does not match');

    const layerOfStep = (needle: string) => {
      const at = h.entries.findIndex((e) => e.createdBy.includes(needle));
      return match.layerOf[aligned.configIndexOf[at]!]!;
    };
    const filesOf = async (layer: number | null) => {
      if (layer === null) return null;
      const tar = join(dir, manifest.Layers[layer]!);
      // In the classic archive a layer.tar is uncompressed: its digest is the diffID.
      const digest = createHash('sha256')
        .update(await readFile(tar))
        .digest('hex');
      expect(`sha256:${digest}`).toBe(h.diffIds[layer]);
      return (await execFileAsync('tar', ['-tf', tar])).stdout.trim().split('\n');
    };
    expect(await filesOf(layerOfStep('app.txt'))).toEqual(['app.txt']);
    expect(await filesOf(layerOfStep('COPY'))).toEqual(['dst/', 'dst/hello.txt']);
    expect(await filesOf(layerOfStep('touch /tmp'))).toEqual(['tmp/']);
    expect(await filesOf(layerOfStep('WORKDIR'))).toEqual(['work/']);
    expect(await filesOf(layerOfStep('ENV'))).toBeNull();
    expect(await filesOf(layerOfStep('/bin/sh -c true'))).toBeNull();
    // Sizes would have lied: the 0-byte steps include two that made layers.
    const zeroWithLayer = h.entries.filter(
      (e, i) => e.size === 0 && match.layerOf[aligned.configIndexOf[i]!] !== null,
    );
    expect(zeroWithLayer.map((e) => stepText(e.step))).toEqual(['WORKDIR /work', 'RUN touch /tmp']);
  });

  it('names the local images an image was built from, nearest last', async () => {
    const layers = async (ref: string) =>
      Number(
        (await docker(engine, 'image', 'inspect', '-f', '{{len .RootFS.Layers}}', ref)).trim(),
      );
    const steps = async (ref: string) => (await cliHistory(ref, 'ID')).length;
    const expected = async (ref: string) => ({
      id: (await docker(engine, 'image', 'inspect', '-f', '{{.Id}}', ref)).trim(),
      name: ref,
      layers: await layers(ref),
      steps: await steps(ref),
    });
    expect((await history(APP)).bases).toEqual([
      await expected(busyboxImage),
      await expected(BASE),
    ]);
    expect((await history(COMMITTED)).bases.map((b) => b.name)).toEqual([busyboxImage, BASE, APP]);
    expect((await history(busyboxImage)).bases).toEqual([]);
  });

  it('refuses a reference that could reach another engine path', async () => {
    for (const ref of ['../../containers/json', 'a?b', 'x\n', '']) {
      const reply = await dispatcher.call('images.history', [ref]);
      expect(reply.ok ? 'accepted' : reply.error.kind).toBe('bad-request');
    }
  });

  it("answers an unknown image with the engine's words", async () => {
    const reply = await dispatcher.call('images.history', ['berth-layers/nothing:here']);
    expect(reply.ok).toBe(false);
    if (!reply.ok)
      expect(reply.error.engineMessage ?? reply.error.message).toMatch(/No such image/i);
  });
});
