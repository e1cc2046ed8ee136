// The foundation end to end: the browser face, started as `npm run web` would
// start it, on a managed engine it starts itself, driven in Chromium by role
// and name, with the docker CLI as the independent truth.
import { SESSION_PATH } from '../../electron/contract/browser-face.ts';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { engineLayout } from '../../electron/engine/managed-layout.ts';
import { findDockerds } from '../../electron/engine/processes.ts';
import { managedBridgeName } from '../../electron/engine/managed-layout.ts';
import { launchChromium } from '../helpers/browser.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { ENGINE_MS, FOLLOW_MS, testTimeout } from '../helpers/deadlines.ts';
import {
  cleanupEngineFolder,
  docker,
  makeEngineDataDir,
  requireManagedEnginePrereqs,
} from '../helpers/managed-engine.ts';
import { startWebApp, type WebApp } from '../helpers/web-app.ts';

let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };
const appEnv = { BERTH_MANAGED_IPTABLES: '0' };

async function openPage(url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: ENGINE_MS });
}

beforeAll(async () => {
  await requireManagedEnginePrereqs();
  dataDir = await makeEngineDataDir();
  engine = { endpoint: `unix://${engineLayout(dataDir).socketPath}` };
  app = await startWebApp({ dataDir, env: appEnv });
  browser = await launchChromium();
  page = await browser.newPage();
  await openPage(app.urlWithToken);
  await ensureBusyboxImage(engine.endpoint);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (dataDir) await cleanupEngineFolder(dataDir, managedBridgeName(dataDir));
});

const containersGrid = () => page.getByRole('grid', { name: 'Containers' });
const row = (name: string) => containersGrid().getByRole('row', { name: new RegExp(name) });

// The longest chain of waits below, the crash test's: a row, the engine back, `docker create`
// (the CLI helper's 60 s), two rows, the status, the history.
const longestChain = testTimeout(
  FOLLOW_MS,
  ENGINE_MS,
  60_000,
  FOLLOW_MS,
  FOLLOW_MS,
  ENGINE_MS,
  FOLLOW_MS,
);

describe('the browser face on its managed engine', { timeout: longestChain }, () => {
  it('says the engine is running', async () => {
    await expect(page.getByRole('status', { name: 'Engine: running' }).count()).resolves.toBe(1);
  });

  it('shows stopped containers by default', async () => {
    await expect(page.getByRole('checkbox', { name: 'Show stopped' }).isChecked()).resolves.toBe(
      true,
    );
  });

  it('shows a container the CLI creates, and drops it when the CLI removes it', async () => {
    await docker(engine, 'create', '--name', 'from-the-cli', busyboxImage, 'sleep', '60');
    await row('from-the-cli').waitFor({ timeout: FOLLOW_MS });
    await docker(engine, 'start', 'from-the-cli');
    await containersGrid()
      .getByRole('row', { name: /from-the-cli Up/ })
      .waitFor({ timeout: FOLLOW_MS });
    await docker(engine, 'rm', '-f', 'from-the-cli');
    await row('from-the-cli').waitFor({ state: 'detached', timeout: FOLLOW_MS });
  });

  it('shows a container that exits at once as exited, with its exit code', async () => {
    await docker(engine, 'run', '--name', 'quick-exit', busyboxImage, 'sh', '-c', 'exit 3').catch(
      () => {},
    );
    await containersGrid()
      .getByRole('row', { name: /quick-exit Exited \(3\)/ })
      .waitFor({ timeout: FOLLOW_MS });
    await docker(engine, 'rm', 'quick-exit');
  });

  it('renders hostile names and labels as text', async () => {
    await docker(
      engine,
      'create',
      '--name',
      'x-script',
      '--label',
      'evil=<img src=x onerror=alert(1)>',
      busyboxImage,
    );
    await row('x-script').waitFor({ timeout: FOLLOW_MS });
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill('evil=<img');
    await row('x-script').waitFor({ timeout: FOLLOW_MS });
    await expect(page.locator('img[src=x]').count()).resolves.toBe(0);
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill('');
    await docker(engine, 'rm', 'x-script');
  });

  it('shows a crash of the managed engine, restarts it, and heals the list', async () => {
    const layout = engineLayout(dataDir);
    const pid = Number((await readFile(layout.pidFile, 'utf8')).trim());
    await docker(engine, 'create', '--name', 'survivor', busyboxImage);
    await row('survivor').waitFor({ timeout: FOLLOW_MS });
    process.kill(pid, 'SIGKILL');

    // The supervisor brings it back; a container made right after, before the
    // event stream reconnects, must still appear (the re-list heals the list).
    await waitForEngine(engine.endpoint, ENGINE_MS);
    await docker(engine, 'create', '--name', 'made-after-crash', busyboxImage);
    await row('made-after-crash').waitFor({ timeout: FOLLOW_MS });
    await row('survivor').waitFor({ timeout: FOLLOW_MS });
    await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: ENGINE_MS });

    await page.getByRole('link', { name: 'Engine' }).click();
    const history = page.getByRole('list', { name: 'History' });
    await history
      .getByText(/killed by SIGKILL|crash/i)
      .first()
      .waitFor({ timeout: FOLLOW_MS });
    await page.getByRole('link', { name: 'Containers' }).click();
    await docker(engine, 'rm', 'survivor', 'made-after-crash');
  });

  it('adopts its engine after the app itself is killed, never running two', async () => {
    const dataRoot = engineLayout(dataDir).dataRoot;
    const before = (await findDockerds(dataRoot)).map((p) => p.pid);
    expect(before).toHaveLength(1);
    const port = Number(new URL(app.url).port);
    // While the app is down the page asks the server whether its session still
    // exists. An app that takes a while to come back (a busy machine) answers only a
    // later look: restart it only after the page has looked once in vain.
    const lookedInVain = page.waitForEvent('requestfailed', {
      predicate: (r) => r.resourceType() === 'fetch' && new URL(r.url()).pathname === SESSION_PATH,
      timeout: FOLLOW_MS,
    });
    await app.kill9();
    expect((await findDockerds(dataRoot)).map((p) => p.pid)).toEqual(before);
    // The page says it lost the app, not just the engine.
    await page
      .getByRole('alert')
      .filter({ hasText: 'Lost the connection to Berth' })
      .waitFor({ timeout: FOLLOW_MS });
    await page
      .getByRole('status', { name: 'Engine: disconnected' })
      .waitFor({ timeout: FOLLOW_MS });

    // Started again on the same port, with a new token: the old page's session is gone, and it says so.
    await lookedInVain;
    app = await startWebApp({ dataDir, env: appEnv, port, timeoutMs: ENGINE_MS });
    await page
      .getByRole('alert')
      .filter({ hasText: "This page's session has ended" })
      .waitFor({ timeout: FOLLOW_MS });
    await openPage(app.urlWithToken);
    expect((await findDockerds(dataRoot)).map((p) => p.pid)).toEqual(before);
    await docker(engine, 'create', '--name', 'after-adoption', busyboxImage);
    await row('after-adoption').waitFor({ timeout: FOLLOW_MS });
    await docker(engine, 'rm', 'after-adoption');
  });

  it('stops its managed engine when it quits', async () => {
    const dataRoot = engineLayout(dataDir).dataRoot;
    await app.stop();
    expect(await findDockerds(dataRoot)).toEqual([]);
  });
});

async function waitForEngine(endpoint: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await docker({ endpoint }, 'version', '--format', '{{.Server.Version}}');
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}
