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

const grid = () => page.getByRole('grid', { name: 'Images' });
const shortIdOf = async (ref: string) =>
  (await docker(engine, 'image', 'inspect', '-f', '{{.Id}}', ref)).trim().slice(7, 19);

async function build(lines: string[], tag?: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-images-list-'));
  await writeFile(join(dir, 'Dockerfile'), [`FROM ${busyboxImage}`, ...lines].join('\n') + '\n');
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
      .poll(async () => busybox.getByRole('gridcell').nth(5).textContent(), { timeout: 10_000 })
      .toMatch(/\d+(\.\d)? (kB|MB)/);
    expect(await both.getByRole('gridcell').nth(1).textContent()).toMatch(/^(12|21)$/);

    await docker(engine, 'create', '--name', 'list-user', 'list/web:2');
    await expect
      .poll(async () => both.getByRole('gridcell').nth(6).textContent(), { timeout: 10_000 })
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
    expect(await looseRow.getByRole('gridcell').first().textContent()).toContain('dangling');
    // No explanation left open over the grid (the heading's word keeps focus after navigation).
    await page.mouse.move(640, 700);
    await page.evaluate('document.activeElement?.blur()');
    await page.screenshot({ path: '/tmp/berth-images-list.png' });
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
      .poll(async () => row.getByRole('gridcell').nth(6).textContent(), { timeout: 10_000 })
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
