// The Disk page on an engine with ~50 images, containers and volumes: time
// from a click on "Disk" (the page asks `disk.usage` through the face) to the
// "Disk usage" table shown, and the bare contract call, each next to `docker
// system df -v` in the same run (the page has the -v rows too). Goal: at most
// 1.0x. Images come from one `docker load` (list-images.ts); containers and
// volumes through the API, the volumes filled by one container that mounts
// them all.
import type { Page } from 'playwright-core';
import { engineClient } from '../../electron/services/engine-client.ts';
import { dockerCli, timed } from './cli.ts';
import { contractCall } from './contract-call.ts';
import { createImages, removeImages } from './list-images.ts';
import { summarize, type BenchRow } from './stats.ts';

const PREFIX = 'bench-disk';

async function makeResources(endpoint: string, image: string, count: number): Promise<void> {
  await createImages(endpoint, count);
  const docker = engineClient(endpoint);
  for (let i = 0; i < count; i++) await docker.createVolume({ Name: `${PREFIX}-v${i}` });
  // One container fills every volume with 10 kB.
  const binds = Array.from({ length: count }, (_, i) => `${PREFIX}-v${i}:/v${i}`);
  await dockerCli(
    endpoint,
    'run',
    '--rm',
    ...binds.flatMap((b) => ['-v', b]),
    image,
    'sh',
    '-c',
    `for d in /v*; do head -c 10000 /dev/zero > $d/data; done`,
  );
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const container = await docker.createContainer({
        Image: image,
        name: `${PREFIX}-c${i}`,
        Cmd: ['sh', '-c', 'head -c 20000 /dev/zero > /f; exec sleep 3600'],
        // Half the volumes are in use, as on a real engine.
        HostConfig: i < count / 2 ? { Binds: [`${PREFIX}-v${i}:/data`] } : {},
      });
      // A tenth run (a writable layer each); the rest were made and left.
      if (i % 10 === 0) await container.start();
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

async function removeResources(endpoint: string): Promise<void> {
  const ids = (await dockerCli(endpoint, 'ps', '-aq', '--filter', `name=${PREFIX}-c`)).trim();
  if (ids) await dockerCli(endpoint, 'rm', '-f', ...ids.split('\n'));
  const volumes = (
    await dockerCli(endpoint, 'volume', 'ls', '-q', '--filter', `name=${PREFIX}-v`)
  ).trim();
  if (volumes) await dockerCli(endpoint, 'volume', 'rm', ...volumes.split('\n'));
  await removeImages(endpoint);
}

/** Clicks "Disk" and resolves with the ms until the table shows its four lines (a string: runs in the page). */
const openDisk = `new Promise((resolve) => {
  const shown = () => document.querySelectorAll('table[aria-label="Disk usage"] tbody tr').length === 4;
  const started = performance.now();
  const observer = new MutationObserver(() => {
    if (shown()) { observer.disconnect(); resolve(performance.now() - started); }
  });
  observer.observe(document.body, { subtree: true, childList: true });
  document.querySelector('nav[aria-label="Main"] a[href="#/disk"]').click();
})`;

export async function measureDiskUsage(
  page: Page,
  face: { appUrl: string; token: string; endpoint: string },
  image: string,
  count: number,
  runs: number,
): Promise<BenchRow[]> {
  const made = await timed(() => makeResources(face.endpoint, image, count));
  console.log(`  ${count} images, containers and volumes made in ${Math.round(made.ms)} ms`);
  const client = await contractCall(face.appUrl, face.token);
  try {
    // Once each before timing: the first `/system/df` warms the engine's caches for both.
    await client.call('disk.usage');
    await dockerCli(face.endpoint, 'system', 'df', '-v');
    const clicks: number[] = [];
    const calls: number[] = [];
    const cli: number[] = [];
    for (let run = 0; run < runs; run++) {
      await page.goto('about:blank');
      await page.goto(`${face.appUrl}#/containers`);
      await page.getByRole('grid', { name: 'Containers' }).waitFor({ timeout: 60_000 });
      await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: 60_000 });
      clicks.push((await page.evaluate(openDisk)) as number);
      calls.push((await timed(() => client.call('disk.usage'))).ms);
      cli.push((await timed(() => dockerCli(face.endpoint, 'system', 'df', '-v'))).ms);
    }
    const usage = (await client.call('disk.usage')) as {
      images: unknown[];
      containers: unknown[];
      volumes: unknown[];
    };
    const what = `${usage.images.length} images, ${usage.containers.length} containers, ${usage.volumes.length} volumes`;
    return [
      ...summarize(
        `open Disk with ${what} (click -> table)`,
        clicks,
        cli,
        'docker system df -v',
        'goal: at most 1.0x',
      ),
      ...summarize(`disk.usage through the face (${what})`, calls, cli, 'docker system df -v'),
    ];
  } finally {
    client.close();
    await removeResources(face.endpoint);
  }
}
