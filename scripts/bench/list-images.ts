// 500 images in the Images list: time from opening the page (a click on
// "Images" in a freshly loaded app) to the full grid, next to `docker images`.
// The images come from one `docker load` of an archive made here: each is its
// own config (a label apiece) over one shared layer, so they are distinct ids,
// made in seconds rather than 500 builds (a layer of its own for each made the
// load take 78 s here: the engine registers every layer on its own).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import * as tar from 'tar-stream';
import { dockerCli, timed, waitInPage } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

const PREFIX = 'bench-images/img';

/** A layer: an uncompressed tar of one small file. */
async function layerTar(name: string, text: string): Promise<Buffer> {
  const pack = tar.pack();
  pack.entry({ name, mode: 0o644, mtime: new Date(0) }, text);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** A `docker save` archive (manifest.json layout) of `count` images. */
async function imagesArchive(count: number): Promise<Buffer> {
  const pack = tar.pack();
  const base = await layerTar('base.txt', 'the layer every bench image shares\n'.repeat(40));
  const baseId = sha256(base);
  pack.entry({ name: `${baseId}/layer.tar` }, base);
  const created = new Date().toISOString();
  const manifest = [];
  for (let i = 0; i < count; i++) {
    const config = JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      created,
      config: { Cmd: ['/bin/sh'], Labels: { 'bench.index': String(i) } },
      rootfs: { type: 'layers', diff_ids: [`sha256:${baseId}`] },
      history: [
        { created, created_by: 'bench: the shared layer' },
        { created, created_by: `LABEL bench.index=${i}`, empty_layer: true },
      ],
    });
    const configName = `${sha256(config)}.json`;
    pack.entry({ name: configName }, config);
    manifest.push({
      Config: configName,
      RepoTags: [`${PREFIX}-${i}:latest`],
      Layers: [`${baseId}/layer.tar`],
    });
  }
  pack.entry({ name: 'manifest.json' }, JSON.stringify(manifest));
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Makes the images with one `docker load`; resolves with how long that took (ms). */
export async function createImages(endpoint: string, count: number): Promise<number> {
  const started = performance.now();
  const archive = await imagesArchive(count);
  await new Promise<void>((resolve, reject) => {
    const load = spawn('docker', ['-H', endpoint, 'load', '-q'], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    load.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    load.on('error', reject);
    load.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`docker load failed (${code}): ${stderr}`)),
    );
    load.stdin.end(archive);
  });
  return performance.now() - started;
}

export async function removeImages(endpoint: string): Promise<void> {
  const ids = (await dockerCli(endpoint, 'images', '-q', `${PREFIX}-*`)).trim().split('\n');
  const unique = [...new Set(ids.filter(Boolean))];
  for (let i = 0; i < unique.length; i += 100)
    await dockerCli(endpoint, 'rmi', '-f', ...unique.slice(i, i + 100));
}

/**
 * Clicks "Images" in the page and resolves with the ms until the grid counts
 * every image and shows rows; timed inside the page, so the driver's own
 * round trips are not counted. Runs in the page as a string (see waitInPage).
 */
const openImages = (rowCount: number) => `new Promise((resolve) => {
  const grid = () => document.querySelector('[role="grid"][aria-label="Images"]');
  const full = () => grid()?.getAttribute('aria-rowcount') === '${rowCount}' && grid().querySelectorAll('[role="row"]').length > 1;
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (full()) { observer.disconnect(); resolve(performance.now() - started); }
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  document.querySelector('nav[aria-label="Main"] a[href="#/images"]').click();
})`;

/** Loads the app on Containers, then times a click on "Images" to the full grid, `runs` times. */
export async function measureImagesList(
  page: Page,
  url: string,
  endpoint: string,
  runs: number,
): Promise<BenchRow[]> {
  const listed = (await dockerCli(endpoint, 'images', '-q')).trim().split('\n').length;
  const berth: number[] = [];
  const cold: number[] = [];
  const cli: number[] = [];
  let domRows = 0;
  for (let run = 0; run < runs; run++) {
    // Cold: the page loads on Images, so the time holds the app's start and the snapshot.
    await page.goto('about:blank');
    const loading = Date.now();
    await page.goto(`${url}#/images`);
    await waitInPage(
      page,
      `document.querySelector('[role="grid"][aria-label="Images"]')?.getAttribute('aria-rowcount') === '${listed + 1}' && document.querySelectorAll('[role="grid"][aria-label="Images"] [role="row"]').length > 1`,
      60_000,
    );
    cold.push(Date.now() - loading);
    // A fresh page each time: the stores start empty, as on a first visit.
    await page.goto('about:blank');
    await page.goto(`${url}#/containers`);
    await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 60_000 });
    berth.push((await page.evaluate(openImages(listed + 1))) as number);
    domRows = await page.getByRole('grid', { name: 'Images' }).getByRole('row').count();
    cli.push((await timed(() => dockerCli(endpoint, 'images'))).ms);
  }
  return [
    ...summarize(
      `open Images with ${listed} images (click -> full grid)`,
      berth,
      cli,
      'docker images',
      `${domRows} rows in the DOM (header included) for ${listed} images; goal: at most 0.75x`,
    ),
    ...summarize(
      `load the app on Images with ${listed} images (page load -> full grid)`,
      cold,
      cli,
      'docker images',
      'the whole page load, its WebSocket and the images snapshot included',
    ),
  ];
}
