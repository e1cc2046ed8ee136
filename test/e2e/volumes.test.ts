// The Volumes page and the tutorials' lesson on volumes, done entirely through
// the UI with the docker CLI as the truth: data written to a named volume by
// one container is read by a new one after the first is removed; a data
// container shared through "Volumes from"; create (a bad name stopped beside
// its field), remove refused while a container uses the volume, and prune as
// previewed.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { docker } from '../helpers/managed-engine.ts';
import type { WebApp } from '../helpers/web-app.ts';

let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };
const shots = process.env.BERTH_E2E_SHOTS;

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 800 }));
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

const volumesGrid = () => page.getByRole('grid', { name: 'Volumes' });
const volumeRow = (name: string) => volumesGrid().getByRole('row', { name, exact: true });
const containerRow = (name: string) =>
  page
    .getByRole('grid', { name: 'Containers' })
    .getByRole('row', { name: new RegExp(`^${name} `) });
const field = (scope: Locator, name: string) => scope.getByLabel(name, { exact: true });
const volumeNames = async () =>
  (await docker(engine, 'volume', 'ls', '-q')).split('\n').filter(Boolean).sort();
const status = async (name: string) =>
  (await docker(engine, 'inspect', '--format', '{{.State.Status}}', name)).trim();

async function openVolumes(): Promise<void> {
  await page.getByRole('link', { name: 'Volumes', exact: true }).click();
  await volumesGrid().waitFor();
}

async function createVolume(name: string): Promise<void> {
  await openVolumes();
  await page.getByRole('button', { name: 'Create volume', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Create volume' });
  await field(dialog, 'Name').fill(name);
  await dialog.getByRole('button', { name: 'Create', exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: 15_000 });
  await volumeRow(name).waitFor({ timeout: FOLLOW_MS });
}

/** New container, as a tutorial reader fills it; resolves once `docker` sees it exited. */
async function runOnce(
  name: string,
  command: string,
  fields: { volumes?: string; volumesFrom?: string } = {},
): Promise<void> {
  await page.getByRole('link', { name: 'Containers', exact: true }).click();
  await page.getByRole('button', { name: 'New container', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New container' });
  await field(dialog, 'Image').fill(busyboxImage);
  await field(dialog, 'Name').fill(name);
  if (fields.volumes) await field(dialog, 'Volumes').fill(fields.volumes);
  const more = dialog.getByRole('button', { name: 'More options', exact: true });
  if ((await more.getAttribute('aria-expanded')) === 'false') await more.click();
  await field(dialog, 'Command').fill(command);
  if (fields.volumesFrom) {
    // Picked from the containers, as a user would.
    await dialog.getByRole('combobox', { name: 'Add volumes from' }).selectOption({
      label: fields.volumesFrom,
    });
    expect(await field(dialog, 'Volumes from').inputValue()).toBe(fields.volumesFrom);
    if (shots) await page.screenshot({ path: `${shots}/volumes-from.png` });
  }
  await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
  await dialog.waitFor({ state: 'detached', timeout: 15_000 });
  await expect.poll(() => status(name), { timeout: FOLLOW_MS }).toBe('exited');
}

async function removeContainer(name: string): Promise<void> {
  await page.getByRole('link', { name: 'Containers', exact: true }).click();
  await containerRow(name).getByRole('button', { name: 'Remove', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove container' });
  await dialog.getByRole('button', { name: 'Remove container', exact: true }).click();
  await containerRow(name).waitFor({ state: 'detached', timeout: FOLLOW_MS });
  expect(await docker(engine, 'ps', '-aq', '--filter', `name=^${name}$`)).toBe('');
}

describe('the lesson: data outlives its container in a named volume', () => {
  it('is read by a new container after the one that wrote it is removed', async () => {
    await createVolume('todo-db');
    expect(await volumeNames()).toContain('todo-db');

    await runOnce('writer', `sh -c 'echo kept across containers > /data/note.txt'`, {
      volumes: 'todo-db:/data',
    });
    await openVolumes();
    await volumeRow('todo-db').getByRole('link', { name: 'writer', exact: true }).waitFor();
    await removeContainer('writer');

    await runOnce('reader', 'cat /data/note.txt', { volumes: 'todo-db:/data' });
    expect(await docker(engine, 'logs', 'reader')).toBe('kept across containers\n');
    // The page it opened on shows the same words.
    await page
      .getByRole('main', { name: 'reader' })
      .getByText('kept across containers')
      .first()
      .waitFor({ timeout: FOLLOW_MS });
  });

  it('shares a data container\'s volumes through "Volumes from"', async () => {
    await runOnce('databox', `sh -c 'echo from the data container > /shared/x'`, {
      volumes: '/shared',
    });
    await runOnce('consumer', 'cat /shared/x', { volumesFrom: 'databox' });
    expect(await docker(engine, 'logs', 'consumer')).toBe('from the data container\n');
    const from = await docker(
      engine,
      'inspect',
      '--format',
      '{{json .HostConfig.VolumesFrom}}',
      'consumer',
    );
    expect(JSON.parse(from)).toEqual(['databox']);
  });
});

describe('the Volumes page', () => {
  it('stops a bad name beside its field, creating nothing', async () => {
    const before = await volumeNames();
    await openVolumes();
    await page.getByRole('button', { name: 'Create volume', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Create volume' });
    await field(dialog, 'Name').fill('bad name!');
    await dialog.getByRole('button', { name: 'Create', exact: true }).click();
    await expect.poll(() => field(dialog, 'Name').getAttribute('aria-invalid')).toBe('true');
    await dialog.getByText('A volume name starts with a letter or digit').waitFor();
    await field(dialog, 'Labels').fill('tier=db');
    await dialog.getByRole('button', { name: 'Show command', exact: true }).click();
    if (shots) await page.screenshot({ path: `${shots}/volume-create-bad-name.png` });
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await volumeNames()).toEqual(before);
  });

  it("refuses to remove a volume in use, naming the container, with the engine's words under Details", async () => {
    await openVolumes();
    await page.getByRole('searchbox', { name: 'Filter volumes' }).fill('todo');
    await volumeRow('todo-db').getByRole('button', { name: 'Remove', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove volume' });
    await dialog
      .getByRole('list', { name: 'Containers using it' })
      .getByText('reader (stopped)')
      .waitFor();
    await dialog.getByRole('checkbox', { name: /^Force/ }).check();
    await dialog.getByRole('button', { name: 'Remove todo-db', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.getByText('reader (stopped)', { exact: false }).waitFor({ timeout: 15_000 });
    await alert.getByRole('button', { name: 'Details' }).click();
    expect(await alert.locator('pre').textContent()).toMatch(/volume is in use/);
    if (shots) await page.screenshot({ path: `${shots}/volume-remove-in-use.png` });
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(await volumeNames()).toContain('todo-db');
    await page.getByRole('searchbox', { name: 'Filter volumes' }).fill('');
  });

  it('reads sizes when asked, and shows the docker volume ls line', async () => {
    await openVolumes();
    const size = volumeRow('todo-db').getByRole('gridcell').nth(3);
    expect(await size.textContent()).toBe('—');
    await page.getByRole('button', { name: 'Show sizes', exact: true }).click();
    await expect.poll(() => size.textContent(), { timeout: 15_000 }).toMatch(/^\d+(\.\d)? (B|kB)$/);
    await page
      .getByRole('main', { name: 'Volumes' })
      .getByRole('button', { name: 'Show command', exact: true })
      .click();
    expect(await page.getByLabel('docker command').textContent()).toMatch(/ volume ls$/);
  });

  it('prunes what the preview listed and says what it freed', async () => {
    await docker(engine, 'volume', 'create', 'spare-one');
    await openVolumes();
    await volumeRow('spare-one').waitFor({ timeout: FOLLOW_MS });
    await page.getByRole('button', { name: 'Prune', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Prune volumes' });
    const listed = dialog.getByRole('list', { name: 'Volumes to prune' });
    await listed.getByText('spare-one').waitFor({ timeout: 15_000 });
    const previewed = (await listed.getByRole('listitem').allTextContents()).map(
      (t) => t.split(' ')[0]!,
    );
    expect(previewed).not.toContain('todo-db');
    if (shots) await page.screenshot({ path: `${shots}/volume-prune.png` });
    const before = await volumeNames();
    await dialog.getByRole('button', { name: 'Prune now', exact: true }).click();
    await dialog
      .getByRole('status', { name: 'Pruned' })
      .getByText(`Removed ${previewed.length} volume`, { exact: false })
      .waitFor({ timeout: 15_000 });
    expect(await volumeNames()).toEqual(before.filter((n) => !previewed.includes(n)));
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await volumeRow('spare-one').waitFor({ state: 'detached', timeout: FOLLOW_MS });
    await volumeRow('todo-db').waitFor();
  });
});
