import { mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImageAnalysis } from '../../../contract/image-layers-channels.ts';
import { LayerCache } from './layer-cache.ts';
import type { StoredLayerList } from './layer-list.ts';

const digest = (n: number) => `sha256:${String(n).padStart(64, '0')}`;
const list = (paths: string[]): StoredLayerList => ({
  v: 1,
  paths,
  kinds: 'f'.repeat(paths.length),
  sizes: paths.map(() => 1),
  modes: paths.map(() => 0o644),
  uids: paths.map(() => 0),
  gids: paths.map(() => 0),
  links: {},
});
const analysis = (n: number): ImageAnalysis => ({
  imageId: digest(n),
  history: [],
  layers: [{ diffId: digest(1), size: 1, entries: 1 }],
  efficiency: { score: 1, wastedBytes: 0, worst: [] },
});

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'berth-cache-test-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the layer cache', () => {
  it('keeps layer lists by diffID and analyses by image id, leaving no temporary file', async () => {
    const cache = new LayerCache(join(root, 'cache'));
    expect(await cache.readLayer(digest(1))).toBeUndefined();
    await cache.writeLayer(digest(1), list(['a', 'b']));
    await cache.writeImage(analysis(9));
    expect((await cache.readLayer(digest(1)))?.paths).toEqual(['a', 'b']);
    expect(await cache.hasLayer(digest(1))).toBe(true);
    expect((await cache.readImage(digest(9)))?.imageId).toBe(digest(9));
    const names = [
      ...(await readdir(join(root, 'cache/layers'))),
      ...(await readdir(join(root, 'cache/images'))),
    ];
    expect(names.every((n) => n.endsWith('.json') && !n.includes('.tmp'))).toBe(true);
  });

  it('recreates its folders when they were deleted while the app runs', async () => {
    const cache = new LayerCache(join(root, 'cache'));
    await cache.writeLayer(digest(1), list(['a']));
    await rm(join(root, 'cache'), { recursive: true });
    expect(await cache.readLayer(digest(1))).toBeUndefined();
    expect(await cache.hasLayer(digest(1))).toBe(false);
    await cache.evict();
    await cache.writeLayer(digest(2), list(['b']));
    expect((await cache.readLayer(digest(2)))?.paths).toEqual(['b']);
  });

  it('reads a damaged file as missing', async () => {
    const cache = new LayerCache(join(root, 'cache'));
    await cache.writeLayer(digest(1), list(['a']));
    await writeFile(
      join(root, 'cache/layers', `${digest(1).slice(7)}.json`),
      '{"v":1,"paths":["a"',
    );
    expect(await cache.readLayer(digest(1))).toBeUndefined();
  });

  it('evicts the least recently used files beyond its bound', async () => {
    const cache = new LayerCache(join(root, 'cache'), 0);
    const big = list(Array.from({ length: 200 }, (_, i) => `path/${i}`));
    for (const n of [1, 2, 3]) await cache.writeLayer(digest(n), big);
    const size = (await stat(join(root, 'cache/layers', `${digest(1).slice(7)}.json`))).size;
    // Layer 1 oldest, then 3, then 2 (read last, so used most recently).
    const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    await utimes(join(root, 'cache/layers', `${digest(1).slice(7)}.json`), at(1), at(1));
    await utimes(join(root, 'cache/layers', `${digest(2).slice(7)}.json`), at(2), at(2));
    await utimes(join(root, 'cache/layers', `${digest(3).slice(7)}.json`), at(3), at(3));
    await cache.readLayer(digest(2));
    const bounded = new LayerCache(join(root, 'cache'), size * 2);
    await bounded.evict();
    expect(await bounded.hasLayer(digest(1))).toBe(false);
    expect(await bounded.hasLayer(digest(3))).toBe(true);
    expect(await bounded.hasLayer(digest(2))).toBe(true);
    await new LayerCache(join(root, 'cache'), size).evict();
    expect(await bounded.hasLayer(digest(3))).toBe(false);
    expect(await bounded.hasLayer(digest(2))).toBe(true);
  });
});
