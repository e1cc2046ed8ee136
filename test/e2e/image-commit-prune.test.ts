// Making and cleaning up images through the browser face at 1280x800, by role
// and name, with the docker CLI as the truth: commit a container from its page
// and land on the new image's page with the commit as its newest layer; pick
// images in the grid (mouse and keyboard) and remove them, a running
// container's image refused in the engine's words; prune with a preview that
// matches what goes; save images as a download and load the file back.
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sizeText } from '../../renderer/views/images/image-list.ts';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker } from '../helpers/managed-engine.ts';
import type { WebApp } from '../helpers/web-app.ts';

let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };
let scratch: string;

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 800 }));
  scratch = await mkdtemp(join(tmpdir(), 'berth-commit-e2e-'));
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

const shots = process.env.BERTH_E2E_SHOTS;
const grid = () => page.getByRole('grid', { name: 'Images' });
const idOf = async (ref: string) =>
  (await docker(engine, 'image', 'inspect', '-f', '{{.Id}}', ref)).trim();
const rowOf = (ref: string) => grid().getByRole('row', { name: new RegExp(ref) });

async function build(label: string, tag: string): Promise<string> {
  const dir = await mkdtemp(join(scratch, 'build-'));
  await writeFile(join(dir, 'Dockerfile'), `FROM ${busyboxImage}\nLABEL made=${label}\n`);
  await docker(engine, 'build', '-q', '-t', tag, dir);
  return idOf(tag);
}

/** Notes every progressbar's name and text as they show: a quick transfer's bar lives briefly. */
async function recordProgressBars(): Promise<void> {
  // A string: these tests compile without the DOM's types.
  await page.evaluate(`{
    const log = (window.__bars = []);
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('[role="progressbar"]'))
        log.push(bar.getAttribute('aria-label') + ': ' + bar.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }`);
}

async function openImages(): Promise<void> {
  await page.getByRole('link', { name: 'Images', exact: true }).click();
  await grid().waitFor();
}

describe('commit', () => {
  it('commits a container from its page and opens the image with the commit newest in Layers', async () => {
    await docker(
      engine,
      'run',
      '-d',
      '--name',
      'committer',
      busyboxImage,
      'sh',
      '-c',
      'echo hi > /hi; exec sleep 3600',
    );
    await page.evaluate(`location.hash = '#/containers/committer'`);
    await page
      .getByRole('main', { name: 'committer' })
      .getByRole('button', { name: 'Commit', exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: 'Commit committer' });
    await dialog.getByRole('textbox', { name: 'Repository', exact: true }).fill('e2e/committed');
    await dialog.getByRole('textbox', { name: 'Tag', exact: true }).fill('v1');
    await dialog.getByRole('textbox', { name: 'Message', exact: true }).fill('greeting added');
    await dialog
      .getByRole('textbox', { name: 'Author', exact: true })
      .fill('E2E <e2e@example.com>');
    expect(await dialog.getByRole('checkbox', { name: 'Pause during commit' }).isChecked()).toBe(
      true,
    );
    const changes = dialog.getByRole('textbox', { name: 'Changes', exact: true });
    await changes.fill('ENV GREETING=hi\nRUN rm -rf /');
    await dialog.getByText(/Line 2: RUN cannot be a change/).waitFor();
    const commit = dialog.getByRole('button', { name: 'Commit', exact: true });
    expect(await commit.isDisabled()).toBe(true);
    await changes.fill('ENV GREETING=hi\nEXPOSE 8080');
    await dialog.getByRole('button', { name: 'Show command' }).click();
    expect(await dialog.getByLabel('docker command').textContent()).toMatch(
      / commit --author 'E2E <e2e@example.com>' -m 'greeting added' -c 'ENV GREETING=hi' -c 'EXPOSE 8080' committer e2e\/committed:v1$/,
    );
    if (shots) await page.screenshot({ path: join(shots, 'commit-dialog.png') });
    await commit.click();
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    const id = await idOf('e2e/committed:v1');
    await expect
      .poll(() => page.evaluate('location.hash'))
      .toBe(`#/images/${encodeURIComponent(id)}`);
    const layers = page.getByRole('grid', { name: 'Layers' });
    const newest = layers.getByRole('row').nth(1);
    await expect
      .poll(() => newest.textContent(), { timeout: 15_000 })
      .toMatch(/docker commit.*greeting added/);
    if (shots) await page.screenshot({ path: join(shots, 'commit-layers.png') });
    const inspect = JSON.parse(await docker(engine, 'image', 'inspect', id)) as [
      { Comment: string; Author: string; Config: { Env: string[]; ExposedPorts: object } },
    ];
    expect(inspect[0].Comment).toBe('greeting added');
    expect(inspect[0].Config.Env).toContain('GREETING=hi');
    expect(Object.keys(inspect[0].Config.ExposedPorts)).toEqual(['8080/tcp']);
  });
});

describe('the Images page', () => {
  it('removes the picked images, and says in the engine words why one in use stays', async () => {
    const one = await build('one', 'e2e/rm:1');
    const two = await build('two', 'e2e/rm:2');
    const busy = await build('busy', 'e2e/busy:1');
    await docker(engine, 'run', '-d', '--name', 'busy-user', 'e2e/busy:1', 'sleep', '3600');
    await openImages();
    await rowOf('e2e/rm:1').getByRole('checkbox', { name: 'Select e2e/rm:1' }).check();
    // The keyboard: Space on a focused row picks it.
    await rowOf('e2e/rm:2').focus();
    await page.keyboard.press(' ');
    expect(await rowOf('e2e/rm:2').getAttribute('aria-selected')).toBe('true');
    await rowOf('e2e/busy:1').getByRole('checkbox').check();
    await page.getByRole('button', { name: 'Remove selected', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove images' });
    await dialog.getByText(/running: busy-user/).waitFor();
    await dialog.getByRole('button', { name: 'Remove 3 images', exact: true }).click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: /being used by running container/ })
      .waitFor({ timeout: 15_000 });
    const images = await docker(engine, 'images', '-q', '--no-trunc');
    expect(images).not.toContain(one);
    expect(images).not.toContain(two);
    expect(images).toContain(busy);
    await dialog.getByRole('checkbox', { name: /Force/ }).check();
    await dialog
      .getByRole('button', { name: `Force remove ${busy.slice(7, 19)}`, exact: true })
      .click();
    await dialog
      .getByRole('alert')
      .filter({ hasText: /cannot be forced/ })
      .waitFor({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await docker(engine, 'rm', '-f', 'busy-user');
  });

  it('previews a prune and then removes exactly that', async () => {
    // A dangling image: a tag moved to a new build leaves the old one untagged.
    const old = await build('old', 'e2e/moved:1');
    await build('new', 'e2e/moved:1');
    await page.getByRole('button', { name: 'Prune', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Prune images' });
    expect(await dialog.getByRole('radio', { name: 'Dangling images only' }).isChecked()).toBe(
      true,
    );
    const preview = dialog.getByRole('status', { name: 'Prune preview' });
    await expect
      .poll(() => preview.textContent(), { timeout: 15_000 })
      .toMatch(/Would remove 1 image and free/);
    await dialog
      .getByRole('list', { name: 'Images to prune' })
      .getByText(old.slice(7, 19))
      .waitFor();
    await dialog.getByRole('radio', { name: 'All unused images' }).check();
    await dialog
      .getByRole('list', { name: 'Images to prune' })
      .getByText('e2e/busy:1')
      .waitFor({ timeout: 15_000 });
    await dialog.getByRole('radio', { name: 'Dangling images only' }).check();
    await expect
      .poll(() => preview.textContent(), { timeout: 15_000 })
      .toMatch(/Would remove 1 image/);
    await dialog
      .getByText('The engine keeps no build cache (the classic builder keeps none).')
      .waitFor();
    await dialog.getByRole('button', { name: 'Show command' }).click();
    expect(await dialog.getByLabel('docker command').textContent()).toMatch(
      /^docker .*image prune -f$/,
    );
    if (shots) await page.screenshot({ path: join(shots, 'prune-preview.png') });
    await dialog.getByRole('button', { name: 'Prune now', exact: true }).click();
    await dialog
      .getByRole('status', { name: 'Pruned' })
      .filter({ hasText: /Removed 1 image; the engine freed/ })
      .waitFor({ timeout: 15_000 });
    expect(await docker(engine, 'images', '-aq', '--no-trunc')).not.toContain(old);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('saves images as a download and loads the file back, and refuses a file that is no image archive', async () => {
    // What the last removal left picked (the image in use) stays picked: unpick it.
    await rowOf('e2e/busy:1').getByRole('checkbox').uncheck();
    await rowOf('e2e/committed:v1').getByRole('checkbox').check();
    await recordProgressBars();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('e2e_committed_v1.tar');
    const file = join(scratch, 'saved.tar');
    await download.saveAs(file);
    const size = sizeText((await stat(file)).size);
    await page
      .getByRole('status', { name: 'Saved images' })
      .filter({ hasText: `Saved e2e/committed:v1 (${size})` })
      .waitFor({ timeout: 10_000 });
    if (shots) await page.screenshot({ path: join(shots, 'saved.png') });
    await docker(engine, 'rmi', 'e2e/committed:v1');
    await rowOf('e2e/committed:v1').waitFor({ state: 'detached', timeout: 10_000 });

    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Load image', exact: true }).click(),
    ]);
    await chooser.setFiles(file);
    await page
      .getByRole('status', { name: 'Loaded images' })
      .filter({ hasText: `Loaded e2e/committed:v1 (${size} read)` })
      .waitFor({ timeout: 20_000 });
    // Each bar showed while its transfer lived (a line at once, the next 200 ms later at the soonest).
    const bars = (await page.evaluate('window.__bars')) as string[];
    expect(bars.some((b) => b.startsWith('Saving e2e/committed:v1: '))).toBe(true);
    expect(bars.some((b) => b.startsWith('Loading image: '))).toBe(true);
    await rowOf('e2e/committed:v1').waitFor({ timeout: 10_000 });

    const text = join(scratch, 'notes.txt');
    await writeFile(text, 'not an image\n'.repeat(50));
    const [again] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Load image', exact: true }).click(),
    ]);
    await again.setFiles(text);
    await page
      .getByRole('alert')
      .filter({ hasText: /not an image archive/ })
      .waitFor({ timeout: 15_000 });
  });
});
