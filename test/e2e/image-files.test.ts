// The image page's Files tab in Chromium at 1280x800, by role and name, on an
// image built in the test whose layers add, modify and remove files (and add
// names with markup and a newline): the top layer's changes, an earlier
// layer's, the filesystem as of a layer, the path filter, the keys of the
// tree, the Efficiency region, and the shown `docker save | tar` line run
// through sh against the same engine.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker } from '../helpers/managed-engine.ts';
import type { WebApp } from '../helpers/web-app.ts';

const execFileAsync = promisify(execFile);
const IMAGE = 'berth-test/layered:1';
/** A folder to write screenshots to (BERTH_E2E_SHOTS), to look at what the page showed. */
const shots = process.env.BERTH_E2E_SHOTS;
let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };

// Layer 2 adds /app; layer 3 rewrites one file, deletes another and adds hostile names.
const dockerfile = `FROM ${busyboxImage}
RUN mkdir -p /app/sub && echo hello > /app/keep.txt && head -c 200000 /dev/zero > /app/big.bin && echo deep > /app/sub/deep.txt
RUN echo again >> /app/keep.txt && rm /app/big.bin && touch '/app/<img src=x onerror=alert(1)>' "/app/$(printf 'two\\nlines')"
`;

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 800 }));
  const dir = await mkdtemp(join(tmpdir(), 'berth-layered-'));
  try {
    await writeFile(join(dir, 'Dockerfile'), dockerfile);
    await docker(engine, 'build', '-q', '-t', IMAGE, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const hash = `#/images/${encodeURIComponent(IMAGE)}/files`;
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
}, 180_000);

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

const tree = () => page.getByRole('tree', { name: 'Layer files' });
const item = (name: string) => tree().getByRole('treeitem', { name, exact: true });
/** The names of the rows in the DOM (all of them while few enough to fit the view). */
const names = async (): Promise<string[]> =>
  Promise.all(
    (await tree().getByRole('treeitem').all()).map(
      async (l) => (await l.getAttribute('aria-label')) ?? '',
    ),
  );
const pickLayer = (n: number) =>
  page.getByRole('radio', { name: new RegExp(`^Layer ${n}\\b`) }).check();

describe('the Files tab of an image', () => {
  it("reads the image, then shows the top layer's changes, removed and modified marked", async () => {
    await tree().waitFor({ timeout: 60_000 });
    await item('/app/keep.txt (modified)').waitFor({ timeout: 15_000 });
    await item('/app/big.bin (removed)').waitFor();
    expect(await page.getByRole('radio', { name: /^Layer 3\b/ }).isChecked()).toBe(true);
    expect(await names()).not.toContain('/app/sub/deep.txt');
  });

  it('shows hostile names as text: markup stays markup, a newline stays in one row', async () => {
    await item('/app/<img src=x onerror=alert(1)>').waitFor();
    await item('/app/two\nlines').waitFor();
    expect(await tree().locator('img').count()).toBe(0);
    const row = item('/app/<img src=x onerror=alert(1)>');
    expect(await row.getAttribute('aria-level')).toBe('2');
    expect(Number(await row.getAttribute('aria-posinset'))).toBeGreaterThan(0);
    expect(Number(await row.getAttribute('aria-setsize'))).toBeGreaterThan(1);
  });

  it("shows an earlier layer's additions, and the filesystem as of a layer", async () => {
    await pickLayer(2);
    await item('/app/big.bin').waitFor({ timeout: 15_000 });
    await item('/app/sub/deep.txt').waitFor();
    expect(await names()).not.toContain('/bin/busybox');

    await page.getByRole('radio', { name: 'The image’s files as of this layer' }).check();
    await pickLayer(3);
    await item('/app/keep.txt (modified)').waitFor({ timeout: 15_000 });
    await page.getByRole('searchbox', { name: 'Filter files' }).fill('busybox');
    await item('/bin/busybox').waitFor();
    await page.getByRole('searchbox', { name: 'Filter files' }).fill('app/');
    await item('/app/sub/deep.txt').waitFor();
    expect(await names()).not.toContain('/app/big.bin');
    expect(await names()).not.toContain('/app/big.bin (removed)');
    await page.getByRole('radio', { name: 'This layer’s changes' }).check();
  });

  it('filters by path keeping the folders above, and moves with the tree keys', async () => {
    await page.getByRole('searchbox', { name: 'Filter files' }).fill('keep');
    // The layer wrote /app again (it changed what is in it): modified too.
    await expect
      .poll(names, { timeout: 10_000 })
      .toEqual(['/app (modified)', '/app/keep.txt (modified)']);
    await item('/app (modified)').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedName).toBe('/app/keep.txt (modified)');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(focusedName).toBe('/app (modified)');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(names).toEqual(['/app (modified)']);
    expect(await item('/app (modified)').getAttribute('aria-expanded')).toBe('false');
    await page.keyboard.press('ArrowRight');
    await expect.poll(names).toEqual(['/app (modified)', '/app/keep.txt (modified)']);
    await page.keyboard.press('End');
    await expect.poll(focusedName).toBe('/app/keep.txt (modified)');
    await page.keyboard.press('Home');
    await expect.poll(focusedName).toBe('/app (modified)');
    await page.getByRole('searchbox', { name: 'Filter files' }).fill('');
  });

  it('shows the efficiency, with the path written twice among the wasted space', async () => {
    const region = page.getByRole('region', { name: 'Efficiency' });
    expect(await region.textContent()).toMatch(/\d+\.\d %/);
    const table = region.getByRole('table', { name: 'Wasted space' });
    const row = table.getByRole('row', { name: /\/app\/keep\.txt/ });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/2, 3/);
    if (shots) await page.screenshot({ path: `${shots}/image-files.png` });
  });

  it('shows a docker save | tar line that lists the same layer through sh', async () => {
    await page.getByRole('button', { name: 'Show command', exact: true }).click();
    const shown = (await page.getByLabel('docker command', { exact: true }).textContent())!;
    const lines = shown.split('\n');
    expect(lines[0]).toMatch(/docker .*save .* \| tar -t$/);
    expect(shown).toMatch(/^docker --context berth-[0-9a-f]{6} save /);
    // The app's context lives in the user's CLI config, which the test has not: the same engine by -H.
    const layerLine = lines
      .slice(1)
      .join('\n')
      .replace(/^docker --context \S+/, `docker -H ${engine.endpoint}`);
    expect(layerLine).toMatch(/\| tar -tv$/);
    const { stdout } = await execFileAsync('sh', ['-c', layerLine], {
      maxBuffer: 64 << 20,
      env: { ...process.env, DOCKER_BUILDKIT: '0' },
    });
    expect(stdout).toMatch(/ app\/keep\.txt$/m);
    expect(stdout).toMatch(/ app\/\.wh\.big\.bin$/m);
  });
});

async function focusedName(): Promise<string | null> {
  return (await page.evaluate("document.activeElement?.getAttribute('aria-label') ?? null")) as
    string | null;
}
