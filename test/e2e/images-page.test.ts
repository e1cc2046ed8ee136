// The Images page, by role and name, with the docker CLI as the truth: one
// row per image id, kept live by image events, "Run" opening the New
// container dialog with the image filled in, and "Remove" asking first and
// showing the engine's refusal for an image in use.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ContainerInspectInfo } from 'dockerode';
import type { Browser, Locator, Page } from 'playwright-core';
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
  ({ dataDir, app, browser, page, engine } = await startAppSession());
  await page.getByRole('link', { name: 'Images', exact: true }).click();
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

const grid = () => page.getByRole('grid', { name: 'Images' });
const shortIdOf = async (ref: string) =>
  (await docker(engine, 'image', 'inspect', '-f', '{{.Id}}', ref)).trim().slice(7, 19);

/** An image of its own (a new id), built from busybox with a label; untagged when no tag. */
async function buildImage(label: string, tag?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-image-'));
  await writeFile(join(dir, 'Dockerfile'), `FROM ${busyboxImage}\nLABEL made.by=${label}\n`);
  const out = await docker(engine, 'build', '-q', ...(tag ? ['-t', tag] : []), dir);
  return out
    .trim()
    .replace(/^sha256:/, '')
    .slice(0, 12);
}

/** Command sits behind "More options" (remembered once opened). */
async function showMoreOptions(dialog: Locator): Promise<void> {
  const more = dialog.getByRole('button', { name: 'More options', exact: true });
  if ((await more.getAttribute('aria-expanded')) === 'false') await more.click();
}

describe('the Images page', () => {
  it('lists each image by its tags and short id, live as the CLI tags and untags', async () => {
    const id = await shortIdOf(busyboxImage);
    const row = grid().getByRole('row', { name: new RegExp(`${busyboxImage} .*${id}`) });
    await row.waitFor({ timeout: 10_000 });

    await docker(engine, 'tag', busyboxImage, 'extra/name:1');
    await grid()
      .getByRole('row', { name: `extra/name:1 ${busyboxImage} ${id}` })
      .or(grid().getByRole('row', { name: `${busyboxImage} extra/name:1 ${id}` }))
      .waitFor({ timeout: 10_000 });
    await docker(engine, 'rmi', 'extra/name:1');
    await grid()
      .getByRole('row', { name: /extra\/name:1/ })
      .waitFor({ state: 'detached', timeout: 10_000 });

    const untagged = await buildImage('untagged');
    await grid().getByRole('row', { name: untagged, exact: true }).waitFor({ timeout: 10_000 });
    await page.getByRole('searchbox', { name: 'Filter images' }).fill(untagged.slice(0, 6));
    expect(await grid().getByRole('row').count()).toBe(2); // the header and the one image
    await page.getByRole('searchbox', { name: 'Filter images' }).fill('');
  });

  it('runs an image: the New container dialog opens with it, then the container page', async () => {
    const id = await shortIdOf(busyboxImage);
    await grid()
      .getByRole('row', { name: new RegExp(`${busyboxImage} .*${id}`) })
      .getByRole('button', { name: 'Run', exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: 'New container' });
    expect(await dialog.getByLabel('Image', { exact: true }).inputValue()).toBe(busyboxImage);
    await dialog.getByLabel('Name', { exact: true }).fill('from-image-page');
    await showMoreOptions(dialog);
    await dialog.getByLabel('Command', { exact: true }).fill('sleep 600');
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    await page.getByRole('main', { name: 'from-image-page' }).waitFor({ timeout: 15_000 });
    const [info] = JSON.parse(await docker(engine, 'inspect', 'from-image-page')) as [
      ContainerInspectInfo,
    ];
    expect(info.Config.Image).toBe(busyboxImage);
    expect(info.State.Running).toBe(true);
    await page.getByRole('link', { name: 'Images', exact: true }).click();
  });

  it('runs an untagged image by its short id', async () => {
    const untagged = await buildImage('run-me');
    await grid()
      .getByRole('row', { name: untagged, exact: true })
      .getByRole('button', { name: 'Run', exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: 'New container' });
    expect(await dialog.getByLabel('Image', { exact: true }).inputValue()).toBe(untagged);
    await dialog.getByLabel('Name', { exact: true }).fill('from-untagged');
    await showMoreOptions(dialog);
    await dialog.getByLabel('Command', { exact: true }).fill('sleep 600');
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    await page.getByRole('main', { name: 'from-untagged' }).waitFor({ timeout: 15_000 });
    const labels = await docker(
      engine,
      'inspect',
      '-f',
      '{{index .Config.Labels "made.by"}}',
      'from-untagged',
    );
    expect(labels.trim()).toBe('run-me');
    await page.getByRole('link', { name: 'Images', exact: true }).click();
  });

  it('removes an image after asking, every tag of it', async () => {
    const id = await buildImage('doomed', 'doomed/image:1');
    await docker(engine, 'tag', 'doomed/image:1', 'doomed/image:2');
    await grid()
      .getByRole('row', { name: `doomed/image:1 doomed/image:2 ${id}` })
      .getByRole('button', { name: 'Remove', exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Remove image' });
    await dialog.getByRole('button', { name: `Remove ${id}`, exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await grid()
      .getByRole('row', { name: new RegExp(id) })
      .waitFor({ state: 'detached' });
    expect(await docker(engine, 'images', '-q', '--no-trunc')).not.toContain(id);
  });

  it("shows the engine's refusal for an image a container uses, and keeps it", async () => {
    const id = await buildImage('in-use', 'in-use/image:1');
    await docker(engine, 'create', '--name', 'uses-it', 'in-use/image:1');
    await grid()
      .getByRole('row', { name: `in-use/image:1 ${id}` })
      .getByRole('button', { name: 'Remove', exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Remove image' });
    await dialog.getByRole('button', { name: `Remove ${id}`, exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert
      .filter({ hasText: /is using its referenced image|being used by/ })
      .waitFor({ timeout: 10_000 });
    await alert.filter({ hasText: 'remove that container first' }).waitFor();
    expect(await docker(engine, 'images', '-q', 'in-use/image:1')).toContain(id);
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  });
});
