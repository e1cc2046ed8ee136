// Build image through the browser face: a folder on the server's machine typed
// in "Context folder", the output step by step in "Build output", the cache
// marked on the second build, and a failing step's alert; the docker CLI is
// the truth about the image built.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
let base: string;

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 800 }));
  base = await mkdtemp(join(tmpdir(), 'berth-e2e-build-'));
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
  if (base) await rm(base, { recursive: true, force: true });
});

async function context(name: string, dockerfile: string): Promise<string> {
  const dir = join(base, name);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'Dockerfile'), dockerfile);
  await writeFile(join(dir, 'hello.txt'), 'hello');
  return dir;
}

async function openDialog(): Promise<Locator> {
  await page.getByRole('link', { name: 'Images', exact: true }).click();
  await page.getByRole('button', { name: 'Build image', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Build image' });
  await dialog.waitFor();
  return dialog;
}

/** A folder to write screenshots to (BERTH_E2E_SHOTS), to look at what the page showed. */
const shots = process.env.BERTH_E2E_SHOTS;

const field = (dialog: Locator, name: string) => dialog.getByLabel(name, { exact: true });

describe('Build image', () => {
  it('builds a folder step by step, then again from the cache, and opens the image', async () => {
    const dir = await context(
      'app',
      `FROM ${busyboxImage}\nCOPY hello.txt /hello.txt\nRUN echo built-once > /built\n`,
    );
    const dialog = await openDialog();
    await field(dialog, 'Context folder').fill(dir);
    await expect
      .poll(() => dialog.getByRole('status', { name: 'Build context' }).textContent(), {
        timeout: 10_000,
      })
      .toMatch(/Context: 2 files, \d+ ?B to send/);
    await field(dialog, 'Tags').fill('berth-e2e/built:1, berth-e2e/built:latest');
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    const built = dialog.getByRole('status', { name: 'Built' });
    await built.waitFor({ timeout: 60_000 });

    const log = dialog.getByRole('log', { name: 'Build output' });
    const first = (await log.textContent()) ?? '';
    expect(first).toContain('Step 1/3 : FROM');
    expect(first).toContain('Step 3/3 : RUN echo built-once > /built');
    expect(first).not.toContain('Using cache');
    const id = (
      await docker(engine, 'image', 'inspect', '--format', '{{.Id}}', 'berth-e2e/built:1')
    ).trim();
    expect(
      await docker(engine, 'image', 'inspect', '--format', '{{.Id}}', 'berth-e2e/built:latest'),
    ).toBe(`${id}\n`);

    // The same build again: both steps come from the cache, marked on their lines.
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    await built.waitFor({ timeout: 60_000 });
    const steps = log.locator('.build-step-head');
    await expect.poll(() => steps.count()).toBe(3);
    expect(await steps.nth(1).textContent()).toMatch(
      /^Step 2\/3 : COPY hello\.txt \/hello\.txt.*Using cache/,
    );
    expect(await steps.nth(2).textContent()).toMatch(/^Step 3\/3 : RUN .*Using cache\d+\.\d s$/);

    await dialog.getByRole('button', { name: 'Show command', exact: true }).click();
    if (shots) await page.screenshot({ path: `${shots}/build-cached.png` });
    expect(await dialog.getByLabel('docker command').textContent()).toMatch(
      new RegExp(
        `^DOCKER_BUILDKIT=0 docker( --context \\S+| -H \\S+)? build -t berth-e2e/built:1 -t berth-e2e/built:latest ${dir}$`,
      ),
    );

    await dialog.getByRole('link', { name: 'Open image', exact: true }).click();
    await expect
      .poll(() => page.evaluate('location.hash'))
      .toBe(`#/images/${encodeURIComponent(id)}`);
  });

  it("points a failing build at its step, in the engine's words", async () => {
    const dir = await context(
      'failing',
      `FROM ${busyboxImage}\nRUN echo about to fail && exit 7\n`,
    );
    const dialog = await openDialog();
    await field(dialog, 'Context folder').fill(dir);
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.textContent()).toContain(
      'step 2/2 (RUN echo about to fail && exit 7) failed',
    );
    await alert.getByRole('button', { name: 'Details', exact: true }).click();
    expect(await alert.textContent()).toContain('returned a non-zero code: 7');
    const log = dialog.getByRole('log', { name: 'Build output' });
    expect(await log.textContent()).toContain('about to fail');
    expect(await log.locator('.build-step.failed').textContent()).toContain('Failed');
    if (shots) await page.screenshot({ path: `${shots}/build-failed.png` });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('builds a folder uploaded from the browser', async () => {
    const dir = await context('uploaded', `FROM ${busyboxImage}\nCOPY hello.txt /uploaded.txt\n`);
    const dialog = await openDialog();
    await field(dialog, 'Upload folder').setInputFiles(dir);
    await expect
      .poll(() => dialog.getByRole('status', { name: 'Build context' }).textContent())
      .toMatch(/Context: 2 files, \d+ ?B to upload/);
    await field(dialog, 'Tags').fill('berth-e2e/uploaded:1');
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    await dialog.getByRole('status', { name: 'Built' }).waitFor({ timeout: 60_000 });
    expect(await dialog.getByRole('log', { name: 'Build output' }).textContent()).toContain(
      'Step 2/2 : COPY hello.txt /uploaded.txt',
    );
    expect(
      await docker(engine, 'run', '--rm', 'berth-e2e/uploaded:1', 'cat', '/uploaded.txt'),
    ).toBe('hello');
    if (shots) await page.screenshot({ path: `${shots}/build-uploaded.png` });
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('cancels a build half-way and says so, with no container left', async () => {
    const dir = await context('cancel', `FROM ${busyboxImage}\nRUN echo started && sleep 60\n`);
    const dialog = await openDialog();
    await field(dialog, 'Context folder').fill(dir);
    await field(dialog, 'Tags').fill('berth-e2e/cancelled:1');
    await dialog.getByRole('checkbox', { name: 'No cache', exact: true }).check();
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    const log = dialog.getByRole('log', { name: 'Build output' });
    await expect.poll(() => log.textContent(), { timeout: 30_000 }).toContain('started');
    await dialog.getByRole('button', { name: 'Cancel build', exact: true }).click();
    await dialog.getByRole('status', { name: 'Build cancelled' }).waitFor();
    await expect
      .poll(async () => (await docker(engine, 'ps', '-aq')).trim(), { timeout: 20_000 })
      .toBe('');
    expect(await docker(engine, 'images', '-q', 'berth-e2e/cancelled')).toBe('');
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  });
});
