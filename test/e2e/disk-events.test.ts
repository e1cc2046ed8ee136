// The Disk and Events pages through the browser face at 1280x800, by role and
// name, with the docker CLI as the truth: the "Disk usage" table reads as
// `docker system df` and follows the engine's events; a container prune is
// previewed, then done, and `docker ps -a` agrees; the "Events" grid shows a
// container's create, start and destroy live, filters them, keeps hostile
// text as text, and exports the engine's own lines.
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker } from '../helpers/managed-engine.ts';
import type { WebApp } from '../helpers/web-app.ts';

let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 800 }));
  await docker(engine, 'run', '-d', '--name', 'disk-keep', busyboxImage, 'sleep', '3600');
  await docker(
    engine,
    'run',
    '--name',
    'disk-old-1',
    busyboxImage,
    'sh',
    '-c',
    'head -c 40000 /dev/zero > /f',
  );
  await docker(engine, 'create', '--name', 'disk-old-2', busyboxImage);
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

const shots = process.env.BERTH_E2E_SHOTS;
const shot = async (name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`) });
};
const table = () => page.getByRole('table', { name: 'Disk usage' });
const cliLine = async (type: string) => {
  const lines = (await docker(engine, 'system', 'df', '--format', '{{json .}}')).trim().split('\n');
  const line = lines
    .map((l) => JSON.parse(l) as Record<string, string>)
    .find((l) => l.Type === type)!;
  return [line.Type, line.TotalCount, line.Active, line.Size, line.Reclaimable].join(' ');
};
const rowText = async (name: string) =>
  (await table().getByRole('row', { name, exact: true }).getByRole('cell').allInnerTexts()).length
    ? [
        name,
        ...(await table()
          .getByRole('row', { name, exact: true })
          .getByRole('cell')
          .allInnerTexts()),
      ]
        .slice(0, 5)
        .join(' ')
    : '';

describe('disk usage', () => {
  it('reads as docker system df, and follows the engine without a refresh', async () => {
    await page.getByRole('link', { name: 'Disk', exact: true }).click();
    await table().waitFor({ timeout: 30_000 });
    await expect
      .poll(() => rowText('Containers'), { timeout: 15_000 })
      .toBe(await cliLine('Containers'));
    expect(await rowText('Images')).toBe(await cliLine('Images'));
    await docker(engine, 'create', '--name', 'disk-old-3', busyboxImage);
    await expect.poll(() => rowText('Containers'), { timeout: 15_000 }).toMatch(/^Containers 4 1 /);
    await table().getByRole('button', { name: 'Details of containers' }).click();
    await expect
      .poll(() =>
        page.getByRole('table', { name: 'Containers space usage' }).getByRole('row').count(),
      )
      .toBe(5);
    await shot('disk-usage');
  });

  it('previews a container prune, does it, and docker ps -a agrees', async () => {
    await page.getByRole('button', { name: 'Clean up' }).click();
    await page.getByRole('button', { name: 'Prune containers' }).click();
    const dialog = page.getByRole('dialog', { name: 'Prune containers' });
    await expect
      .poll(() => dialog.getByRole('status', { name: 'Prune preview' }).innerText(), {
        timeout: 15_000,
      })
      .toMatch(/^Would remove 3 containers and free 40kB\. 1 container stays/);
    expect(
      (
        await dialog
          .getByRole('list', { name: 'Containers to prune' })
          .getByRole('listitem')
          .allInnerTexts()
      )
        .map((t) => t.split(' ')[0])
        .sort(),
    ).toEqual(['disk-old-1', 'disk-old-2', 'disk-old-3']);
    await dialog.getByRole('button', { name: 'Show command' }).click();
    expect(await dialog.getByLabel('docker command').innerText()).toMatch(/container prune -f$/);
    await shot('disk-prune-preview');
    await dialog.getByRole('button', { name: 'Prune now' }).click();
    await expect
      .poll(() => dialog.getByRole('status', { name: 'Pruned' }).innerText(), { timeout: 15_000 })
      .toMatch(/^Removed 3 containers; the engine freed 40kB\./);
    await expect
      .poll(async () => (await docker(engine, 'ps', '-a', '--format', '{{.Names}}')).trim())
      .toBe('disk-keep');
    await expect
      .poll(() => dialog.getByRole('status', { name: 'Prune preview' }).innerText(), {
        timeout: 15_000,
      })
      .toMatch(/^Nothing to remove/);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect
      .poll(() => rowText('Containers'), { timeout: 15_000 })
      .toBe(await cliLine('Containers'));
  });
});

describe('events', () => {
  const grid = () => page.getByRole('grid', { name: 'Events' });

  it('shows a container create, start and destroy live, filtered, with hostile text as text', async () => {
    await page.getByRole('link', { name: 'Events', exact: true }).click();
    await grid().waitFor();
    await expect.poll(() => grid().getAttribute('aria-rowcount')).not.toBe('1');
    await page.getByRole('searchbox', { name: 'Filter events' }).fill('ev-e2e');
    await docker(
      engine,
      'run',
      '--name',
      'ev-e2e',
      '--label',
      'note=<img src=x onerror=window.__pwned=1>',
      busyboxImage,
      'true',
    );
    await docker(engine, 'rm', 'ev-e2e');
    for (const action of ['create', 'start', 'destroy'])
      await expect
        .poll(
          () =>
            grid()
              .getByRole('row', { name: `container ${action} ev-e2e` })
              .count(),
          {
            timeout: 15_000,
          },
        )
        .toBe(1);
    expect(
      await grid().getByRole('row', { name: 'container create ev-e2e' }).innerText(),
    ).toContain('note=<img src=x');
    expect(await grid().locator('img').count()).toBe(0);
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    await page.getByLabel('Type').selectOption('image');
    await expect.poll(() => grid().getAttribute('aria-rowcount')).toBe('1');
    await page.getByLabel('Type').selectOption('container');
    await expect.poll(() => grid().getAttribute('aria-rowcount')).not.toBe('1');
    await shot('events');
  });

  it('holds new events while paused and adds them when following again', async () => {
    const rows = () =>
      grid()
        .getByRole('row', { name: /container \w+ ev-e2e/ })
        .count();
    const before = await rows();
    await page.getByRole('checkbox', { name: 'Follow' }).uncheck();
    await docker(engine, 'create', '--name', 'ev-e2e', busyboxImage);
    await expect
      .poll(() => page.getByRole('status', { name: 'Events shown' }).innerText(), {
        timeout: 15_000,
      })
      .toMatch(/paused: 1 new held back/);
    expect(await rows()).toBe(before);
    await page.getByRole('checkbox', { name: 'Follow' }).check();
    await expect.poll(rows, { timeout: 15_000 }).toBe(before + 1);
    await docker(engine, 'rm', 'ev-e2e');
    await expect.poll(rows, { timeout: 15_000 }).toBe(before + 2);
  });

  it('exports what it shows as the engine lines', async () => {
    const rows = Number(await grid().getAttribute('aria-rowcount')) - 1;
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('events.jsonl');
    const file = join(tmpdir(), `berth-events-${process.pid}.jsonl`);
    await download.saveAs(file);
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(rows);
    const events = lines.map(
      (l) =>
        JSON.parse(l) as { Type: string; Action: string; Actor: { Attributes: { name?: string } } },
    );
    expect(
      events.every((e) => e.Type === 'container' && e.Actor.Attributes.name === 'ev-e2e'),
    ).toBe(true);
    expect(events.map((e) => e.Action)).toEqual(
      expect.arrayContaining(['create', 'start', 'die', 'destroy']),
    );
  });
});
