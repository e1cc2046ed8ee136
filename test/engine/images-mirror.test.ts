// The images mirror against `docker images` on a real engine: the app's own
// services and dispatcher, and the renderer's resource sync in a store, follow
// tags, untags, builds and removals made with the CLI, with layers, shared
// size, "in use by" and dangling right.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { ImageSummary } from '../../electron/contract/images-channels.ts';
import {
  initialResource,
  syncResource,
  type ResourceStore,
} from '../../renderer/stores/resource-sync.ts';
import { buildImageTree, type ImageTreeNode } from '../../renderer/views/image/tree/image-tree.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { inProcessClient } from '../helpers/in-process-client.ts';
import { docker, type TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';

let env: EngineServices;
let engine: TestEngine;
let stopSync: () => void;
const store = createStore<ResourceStore<ImageSummary>>(() => initialResource);

async function until(what: string, done: () => boolean | Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** `docker images` as id -> its sorted repo:tag names. */
async function cliImages(): Promise<Record<string, string[]>> {
  const out = await docker(
    engine,
    'images',
    '--no-trunc',
    '--format',
    '{{.ID}} {{.Repository}}:{{.Tag}}',
  );
  const listed: Record<string, string[]> = {};
  for (const line of out.trim().split('\n').filter(Boolean)) {
    const [id = '', name = ''] = line.split(' ');
    listed[id] = [...(listed[id] ?? []), ...(name === '<none>:<none>' ? [] : [name])].sort();
  }
  return listed;
}

function storeImages(): Record<string, string[]> {
  return Object.fromEntries(
    Object.values(store.getState().byId).map((i) => [i.id, [...i.repoTags].sort()]),
  );
}

/** Waits until the store lists exactly what `docker images` lists. */
async function matchesCli(after: string): Promise<void> {
  let cli: Record<string, string[]> = {};
  await until(`the store to match docker images after ${after}`, async () => {
    cli = await cliImages();
    return JSON.stringify(sorted(storeImages())) === JSON.stringify(sorted(cli));
  }).catch((err: unknown) => {
    expect(sorted(storeImages()), String(err)).toEqual(sorted(cli));
  });
}

const sorted = (o: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

const imageIdOf = async (ref: string) =>
  (await docker(engine, 'image', 'inspect', '-f', '{{.Id}}', ref)).trim();
const row = (id: string) => store.getState().byId[id];

async function build(tag: string, lines: string[], from = busyboxImage): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-images-mirror-'));
  await writeFile(join(dir, 'Dockerfile'), [`FROM ${from}`, ...lines].join('\n') + '\n');
  await docker(engine, 'build', '-q', '-t', tag, dir);
  return imageIdOf(tag);
}

beforeAll(async () => {
  env = await startEngineServices({ name: 'images' });
  ({ engine } = env);
  stopSync = syncResource('images', inProcessClient<'images'>(env.dispatcher), store);
}, 120_000);

afterAll(async () => {
  stopSync?.();
  await env?.dispose();
});

describe('the images mirror', () => {
  it('lists what docker images lists, each with its layers', async () => {
    await matchesCli('the first heal');
    const id = await imageIdOf(busyboxImage);
    const layers = JSON.parse(
      await docker(engine, 'image', 'inspect', '-f', '{{json .RootFS.Layers}}', id),
    ) as string[];
    expect(row(id)).toMatchObject({ layers, dangling: false, usedBy: [], sharedSize: 0 });
  });

  it('follows tag, build, re-build and untag, with shared sizes from the layers', async () => {
    const base = await imageIdOf(busyboxImage);
    await docker(engine, 'tag', busyboxImage, 'mirror/extra:1');
    await matchesCli('docker tag');
    expect(row(base)!.repoTags.sort()).toEqual([busyboxImage, 'mirror/extra:1'].sort());

    const first = await build('mirror/built:1', ['RUN echo one > /one', 'LABEL step=1']);
    await matchesCli('docker build');
    const baseSize = Number(await docker(engine, 'image', 'inspect', '-f', '{{.Size}}', base));
    // The built image's layers are busybox's and one of its own: busybox is what both share.
    expect(row(first)!.layers).toHaveLength(row(base)!.layers.length + 1);
    await until('shared sizes', () => row(first)?.sharedSize === baseSize);
    expect(row(base)!.sharedSize).toBe(baseSize);

    // The tag moves to a new image: the old one is dangling, as `docker images` says.
    const second = await build('mirror/built:1', ['RUN echo two > /two']);
    await matchesCli('a re-build under the same tag');
    expect(row(first)).toMatchObject({ repoTags: [], dangling: true });
    expect(row(second)).toMatchObject({ repoTags: ['mirror/built:1'], dangling: false });
    const dangling = (await docker(engine, 'images', '-q', '--no-trunc', '-f', 'dangling=true'))
      .trim()
      .split('\n');
    expect(dangling).toContain(first);

    await docker(engine, 'rmi', 'mirror/extra:1');
    await matchesCli('docker rmi of a tag');
    expect(row(base)!.repoTags).toEqual([busyboxImage]);
  });

  it('names the containers that use an image, and follows rmi', async () => {
    const id = await imageIdOf('mirror/built:1');
    await docker(engine, 'create', '--name', 'mirror-user', 'mirror/built:1');
    await until('usedBy', () => row(id)?.usedBy.join() === 'mirror-user');
    await docker(engine, 'rename', 'mirror-user', 'mirror-renamed');
    await until('usedBy after a rename', () => row(id)?.usedBy.join() === 'mirror-renamed');
    await docker(engine, 'rm', 'mirror-renamed');
    await until('usedBy after rm', () => row(id)?.usedBy.length === 0);

    await docker(engine, 'rmi', 'mirror/built:1');
    await matchesCli('docker rmi of an image');
    expect(row(id)).toBeUndefined();
    const { engineId, seq } = store.getState();
    expect(engineId).toBe(engine.endpoint);
    expect(seq).toBeGreaterThan(1);
  });
});

describe('the image tree', () => {
  interface Chain {
    id: string;
    layers: string[];
    /** Milliseconds since the epoch. */
    created: number;
  }

  /** Every listed image's RootFS.Layers and creation time, as the CLI reads them. */
  async function cliChains(): Promise<Map<string, Chain>> {
    const ids = [
      ...new Set((await docker(engine, 'images', '-q', '--no-trunc')).trim().split('\n')),
    ];
    const out = await docker(
      engine,
      'image',
      'inspect',
      '-f',
      '{{.Id}} {{.Created}} {{json .RootFS.Layers}}',
      ...ids,
    );
    return new Map(
      out
        .trim()
        .split('\n')
        .map((line) => {
          const [id = '', created = '', layers = '[]'] = line.split(' ');
          return [id, { id, layers: JSON.parse(layers) as string[], created: Date.parse(created) }];
        }),
    );
  }

  /**
   * The CLI's answer: the deepest listed image whose layers begin this one's;
   * among images on the very same layers the oldest is the others' parent.
   */
  function expectedParent(id: string, chains: Map<string, Chain>): string | undefined {
    const mine = chains.get(id)!;
    const older = (a: Chain, b: Chain) => a.created - b.created || (a.id < b.id ? -1 : 1);
    let best: Chain | undefined;
    for (const theirs of chains.values()) {
      if (theirs.id === id || theirs.layers.length === 0) continue;
      if (!theirs.layers.every((l, i) => mine.layers[i] === l)) continue;
      // A younger image on my very layers hangs under me, not I under it.
      if (theirs.layers.length === mine.layers.length && older(theirs, mine) > 0) continue;
      const deeper = !best || theirs.layers.length > best.layers.length;
      const olderTwin = best?.layers.length === theirs.layers.length && older(theirs, best) < 0;
      if (deeper || olderTwin) best = theirs;
    }
    return best?.id;
  }

  it("hangs each image under the image it was built from, and shares a removed base's layers", async () => {
    await build('tree/base:1', ['RUN echo base > /base']);
    const left = await build('tree/left:1', ['RUN echo left > /left'], 'tree/base:1');
    const twin = await build('tree/twin:1', ['LABEL twin=1'], 'tree/left:1');
    await build('tree/mid:1', ['RUN echo mid > /mid']);
    const e = await build('tree/e:1', ['RUN echo e > /e'], 'tree/mid:1');
    const f = await build('tree/f:1', ['RUN echo f > /f'], 'tree/mid:1');
    // Untagged with children, the base is no longer listed: its layers stay, shared.
    await docker(engine, 'rmi', 'tree/mid:1');
    await matchesCli('the tree images');
    await until('shared sizes', () =>
      Object.values(store.getState().byId).every((i) => i.sharedSize !== null),
    );

    const roots = buildImageTree(Object.values(store.getState().byId));
    const parentOf = new Map<string, ImageTreeNode | undefined>();
    const walk = (nodes: ImageTreeNode[], parent?: ImageTreeNode) => {
      for (const node of nodes) {
        parentOf.set(node.key, parent);
        walk(node.children, node);
      }
    };
    walk(roots);

    const chains = await cliChains();
    for (const id of [left, twin, await imageIdOf('tree/base:1')]) {
      expect(parentOf.get(id)?.image?.id, id).toBe(expectedParent(id, chains));
    }
    expect(parentOf.get(twin)?.image?.id).toBe(left);
    // e and f: no listed image ends where they part, so a shared base stands for mid's layers.
    expect(expectedParent(e, chains)).toBe(await imageIdOf(busyboxImage));
    const base = parentOf.get(e)!;
    expect(base.image).toBeUndefined();
    expect(parentOf.get(f)).toBe(base);
    const shared = chains.get(e)!.layers.filter((l, i) => chains.get(f)!.layers[i] === l);
    expect(base.layerCount).toBe(shared.length);
    expect(parentOf.get(base.key)?.image?.id).toBe(await imageIdOf(busyboxImage));
    // The base's bytes: what e shares with the others, as the history's sizes count them.
    expect(base.size).toBe(row(e)!.sharedSize);
  });
});
