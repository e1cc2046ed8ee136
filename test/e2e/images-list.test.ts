// The Images list at 1280x800 through the browser face, by role and name, with
// the docker CLI as the truth: rows live from events (tag, rmi, build), the
// columns a beginner reads (tag, shared size, in use by, dangling), sorting,
// a removal blocked by a container that says which one, and the link to the
// image page.
import { mkdtemp, writeFile } from 'node:fs/promises';
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
  await page.getByRole('link', { name: 'Images', exact: true }).click();
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

/** A folder to write screenshots to (BERTH_E2E_SHOTS), to look at what the page showed. */
const shots = process.env.BERTH_E2E_SHOTS;

const grid = () => page.getByRole('grid', { name: 'Images' });
const shortIdOf = async (ref: string) =>
  (await docker(engine, 'image', 'inspect', '-f', '{{.Id}}', ref)).trim().slice(7, 19);

async function build(lines: string[], tag?: string, from = busyboxImage): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-images-list-'));
  await writeFile(join(dir, 'Dockerfile'), [`FROM ${from}`, ...lines].join('\n') + '\n');
  const out = await docker(engine, 'build', '-q', ...(tag ? ['-t', tag] : []), dir);
  return out
    .trim()
    .replace(/^sha256:/, '')
    .slice(0, 12);
}

describe('the Images list', () => {
  it('shows tags, sizes, sharing and users, live as the CLI tags, builds and removes', async () => {
    const base = await shortIdOf(busyboxImage);
    const id = await build(['RUN echo hi > /hi'], 'list/web:1');
    const web = grid().getByRole('row', { name: `list/web:1 ${id}` });
    await web.waitFor({ timeout: 15_000 });
    await docker(engine, 'tag', 'list/web:1', 'list/web:2');
    const both = grid().getByRole('row', {
      name: /list\/web:1 list\/web:2|list\/web:2 list\/web:1/,
    });
    await both.waitFor({ timeout: 10_000 });
    // Built on busybox: the two share busybox's layers, so neither's shared size is 0.
    const busybox = grid().getByRole('row', { name: new RegExp(`${busyboxImage} ${base}`) });
    await expect
      .poll(async () => busybox.getByRole('gridcell').nth(6).textContent(), { timeout: 10_000 })
      .toMatch(/\d+(\.\d)? (kB|MB)/);
    expect(await both.getByRole('gridcell').nth(2).textContent()).toMatch(/^(12|21)$/);

    await docker(engine, 'create', '--name', 'list-user', 'list/web:2');
    await expect
      .poll(async () => both.getByRole('gridcell').nth(7).textContent(), { timeout: 10_000 })
      .toBe('list-user');

    await docker(engine, 'rmi', 'list/web:2');
    await grid()
      .getByRole('row', { name: `list/web:1 ${id}` })
      .waitFor({ timeout: 10_000 });
    expect(
      await grid()
        .getByRole('row', { name: /list\/web:2/ })
        .count(),
    ).toBe(0);

    // Untagged: named by its short id alone, and marked dangling.
    const loose = await build(['LABEL loose=1']);
    const looseRow = grid().getByRole('row', { name: loose, exact: true });
    await looseRow.waitFor({ timeout: 10_000 });
    expect(await looseRow.getByRole('gridcell').nth(1).textContent()).toContain('dangling');
    // No explanation left open over the grid (the heading's word keeps focus after navigation).
    await page.mouse.move(640, 700);
    await page.evaluate('document.activeElement?.blur()');
    if (shots) await page.screenshot({ path: `${shots}/images-list.png` });
    await docker(engine, 'rmi', loose);
    await looseRow.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('sorts by a column header and counts every row for a screen reader', async () => {
    const listed = (await docker(engine, 'images', '-q')).trim().split('\n').length;
    expect(await grid().getAttribute('aria-rowcount')).toBe(String(listed + 1));
    const size = page.getByRole('columnheader', { name: /Size/ });
    await size.getByRole('button').click();
    expect(await size.getAttribute('aria-sort')).toBe('ascending');
    const sizes = await grid()
      .getByRole('row')
      .evaluateAll((rows) => rows.slice(1).map((r) => r.getAttribute('aria-rowindex')));
    expect(sizes[0]).toBe('2');
    await size.getByRole('button').click();
    expect(await size.getAttribute('aria-sort')).toBe('descending');

    // The keyboard: into a row's controls with Right, back out with Escape, down with arrows.
    const top = grid().getByRole('row').nth(1);
    await top.focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.locator(':focus').getAttribute('aria-label')).toMatch(/^Select /);
    await page.keyboard.press('ArrowRight');
    expect(await page.locator(':focus').getAttribute('aria-label')).toMatch(/^Open /);
    await page.keyboard.press('ArrowRight');
    expect(await page.locator(':focus').textContent()).toBe('Run');
    await page.keyboard.press('Escape');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator(':focus').getAttribute('aria-rowindex')).toBe('3');
  });

  it('says which container blocks a removal, and forces it only when asked', async () => {
    const id = await build(['LABEL blocked=1'], 'list/blocked:1');
    await docker(engine, 'create', '--name', 'blocker', 'list/blocked:1');
    const row = grid().getByRole('row', { name: `list/blocked:1 ${id}` });
    await row.waitFor({ timeout: 10_000 });
    await expect
      .poll(async () => row.getByRole('gridcell').nth(7).textContent(), { timeout: 10_000 })
      .toBe('blocker');
    await row.getByRole('button', { name: 'Remove', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove image' });
    expect(await dialog.getByRole('checkbox').count()).toBe(0); // no force before a refusal
    await dialog.getByRole('button', { name: `Remove ${id}`, exact: true }).click();
    await dialog.getByRole('alert').filter({ hasText: 'used by blocker' }).waitFor();
    expect(await docker(engine, 'images', '-q', 'list/blocked:1')).toContain(id);

    await dialog.getByRole('checkbox', { name: /Force/ }).check();
    await dialog.getByRole('button', { name: `Force remove ${id}`, exact: true }).click();
    await dialog.waitFor({ state: 'detached', timeout: 10_000 });
    await row.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await docker(engine, 'images', '-q', '--no-trunc')).not.toContain(id);
  });

  it("opens the image page from the image's name", async () => {
    const id = await shortIdOf('list/web:1');
    await grid()
      .getByRole('row', { name: `list/web:1 ${id}` })
      .getByRole('link', { name: 'Open list/web:1', exact: true })
      .click();
    await page.getByRole('main', { name: `list/web:1 ${id}` }).waitFor({ timeout: 10_000 });
    expect(decodeURIComponent(new URL(page.url()).hash)).toMatch(
      /^#\/images\/sha256:[0-9a-f]{64}$/,
    );
    await page.getByRole('tab', { name: 'Layers', exact: true }).waitFor();
  });
});

describe('the Image tree', () => {
  /** RootFS.Layers, as the CLI reads them. */
  const layersOf = async (ref: string): Promise<string[]> =>
    JSON.parse(await docker(engine, 'image', 'inspect', '-f', '{{json .RootFS.Layers}}', ref));
  const tree = () => page.getByRole('tree', { name: 'Image tree' });
  const item = (tag: string) =>
    tree().getByRole('treeitem', { name: new RegExp(`^${tag.replace(/[/.]/g, '\\$&')} `) });
  const levelOf = async (tag: string) => Number(await item(tag).getAttribute('aria-level'));

  it('hangs each image under the image it was built from, as their layers say', async () => {
    await build(['RUN echo base > /base'], 'tree/base:1');
    await build(['RUN echo left > /left'], 'tree/left:1', 'tree/base:1');
    await build(['RUN echo right > /right'], 'tree/right:1', 'tree/base:1');
    await build(['LABEL only=metadata'], 'tree/label:1', 'tree/left:1');
    // The CLI's truth: each one's layers start with its parent's.
    const [bb, base, left, right, label] = await Promise.all(
      [busyboxImage, 'tree/base:1', 'tree/left:1', 'tree/right:1', 'tree/label:1'].map(layersOf),
    );
    expect(base!.slice(0, bb!.length)).toEqual(bb);
    expect(left!.slice(0, base!.length)).toEqual(base);
    expect(right!.slice(0, base!.length)).toEqual(base);
    expect(label).toEqual(left);

    await page.getByRole('link', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: 'Image tree', exact: true }).click();
    await item('tree/label:1').waitFor({ timeout: 15_000 });
    // The list may still be taking in the last build's images: wait for the tree to settle.
    const top = await levelOf(busyboxImage);
    await expect.poll(() => levelOf('tree/label:1'), { timeout: 15_000 }).toBe(top + 3);
    expect(await levelOf('tree/base:1')).toBe(top + 1);
    expect(await levelOf('tree/left:1')).toBe(top + 2);
    expect(await levelOf('tree/right:1')).toBe(top + 2);
    // A label adds no layer; every item says what it adds in words.
    expect(await item('tree/label:1').getAttribute('aria-label')).toContain('adds 0 layers, 0 B');
    expect(await item('tree/left:1').getAttribute('aria-label')).toMatch(/adds 1 layer, \d/);
    if (shots) await page.screenshot({ path: `${shots}/image-tree.png` });
    await page.getByRole('button', { name: 'Image tree', exact: true }).click();
    await grid().waitFor();
  });

  it("opens on an image's page with that image selected and the way down to it open", async () => {
    const id = (await docker(engine, 'image', 'inspect', '-f', '{{.Id}}', 'tree/label:1')).trim();
    const hash = `#/images/${encodeURIComponent(id)}/tree`;
    await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
    const selected = item('tree/label:1');
    await selected.waitFor({ timeout: 15_000 });
    expect(await selected.getAttribute('aria-selected')).toBe('true');
    for (const ancestor of [busyboxImage, 'tree/base:1', 'tree/left:1'])
      expect(await item(ancestor).getAttribute('aria-expanded')).toBe('true');
    // Another branch stays closed: right's parent is open, but nothing below right is shown.
    expect(await item('tree/right:1').count()).toBe(1);
    // The keyboard: Left goes up to the parent, Enter opens its page.
    await selected.focus();
    await page.keyboard.press('ArrowLeft');
    expect(await page.locator(':focus').getAttribute('aria-label')).toMatch(/^tree\/left:1 /);
    await page.keyboard.press('Enter');
    await page
      .getByRole('main', { name: new RegExp('^tree/left:1 ') })
      .waitFor({ timeout: 10_000 });
  });
});
