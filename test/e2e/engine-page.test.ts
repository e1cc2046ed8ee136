// The Engine page: what it says when no engine exists anywhere, and choosing
// between a found engine and the managed one (remembered across starts).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { managedBridgeName } from '../../electron/engine/managed-layout.ts';
import { launchChromium, signIn } from '../helpers/browser.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import {
  cleanupEngineFolder,
  makeEngineDataDir,
  startManagedEngine,
  type TestEngine,
} from '../helpers/managed-engine.ts';
import { startWebApp, type WebApp } from '../helpers/web-app.ts';

let browser: Browser;
let page: Page;
const apps: WebApp[] = [];

/** An environment where discovery looks only where the test says. */
async function isolatedEnv(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  return {
    HOME: await mkdtemp(join(tmpdir(), 'berth-home-')),
    DOCKER_HOST: '',
    DOCKER_CONTEXT: '',
    DOCKER_CONFIG: await mkdtemp(join(tmpdir(), 'berth-docker-config-')),
    BERTH_NO_WELL_KNOWN_SOCKETS: '1',
    BERTH_MANAGED_IPTABLES: '0',
    ...extra,
  };
}

async function start(opts: Parameters<typeof startWebApp>[0]): Promise<WebApp> {
  const app = await startWebApp(opts);
  apps.push(app);
  await signIn(page, app.urlWithToken);
  await page.goto(`${app.url}#/engine`);
  return app;
}

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  for (const app of apps) await app.stop();
});

describe('with no engine anywhere and no dockerd', () => {
  it('says so in plain words, names what to install, and offers Retry', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-none-'));
    const app = await start({
      dataDir,
      engine: 'auto',
      env: await isolatedEnv({ BERTH_DOCKERD: 'none' }),
    });
    await page.getByRole('status', { name: 'Engine: error' }).waitFor({ timeout: 10_000 });
    const alert = page.getByRole('alert').filter({ hasText: 'No container engine was found' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('apt-get install docker.io');

    const started = Date.now();
    await alert.getByRole('button', { name: 'Retry', exact: true }).click();
    await page.getByRole('status', { name: 'Engine: error' }).waitFor({ timeout: 5_000 });
    expect(Date.now() - started).toBeLessThan(5_000);
    await app.stop();
  });
});

describe('a managed engine that cannot start', () => {
  it("shows the failing step and dockerd's own last words, and Retry tries again", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-broken-'));
    const fakeDockerd = join(dataDir, 'dockerd');
    await writeFile(
      fakeDockerd,
      '#!/bin/sh\necho "failed to start daemon: error initializing graphdriver: no space left on device" >&2\nexit 1\n',
      { mode: 0o755 },
    );
    const app = await start({
      dataDir,
      engine: 'managed',
      env: await isolatedEnv({ BERTH_DOCKERD: fakeDockerd }),
    });
    await page.getByRole('status', { name: 'Engine: error' }).waitFor({ timeout: 20_000 });
    const alert = page.getByRole('alert').filter({ hasText: 'no space left on device' });
    await alert.waitFor({ timeout: FOLLOW_MS });
    await alert.getByRole('button', { name: 'Retry', exact: true }).click();
    // The retry runs the steps again and fails the same way; Start stays the way out.
    await page.getByRole('status', { name: 'Engine: error' }).waitFor({ timeout: 20_000 });
    await page
      .getByRole('button', { name: 'Start', exact: true, disabled: false })
      .waitFor({ timeout: 20_000 });
    await alert.waitFor({ timeout: FOLLOW_MS });
    const failures = page
      .getByRole('list', { name: 'History' })
      .getByText('Engine failed to start');
    await expect.poll(() => failures.count(), { timeout: FOLLOW_MS }).toBeGreaterThanOrEqual(2);
    await app.stop();
    await cleanupEngineFolder(dataDir, managedBridgeName(dataDir));
  });
});

describe('a found engine beside the managed one', () => {
  let found: TestEngine;
  let dataDir: string;

  beforeAll(async () => {
    found = await startManagedEngine();
    dataDir = await makeEngineDataDir();
  });

  afterAll(async () => {
    await found?.cleanup();
    if (dataDir) await cleanupEngineFolder(dataDir, managedBridgeName(dataDir));
  });

  it('uses DOCKER_HOST first, and switches to the managed engine when asked, remembering it', async () => {
    const env = await isolatedEnv({ DOCKER_HOST: found.endpoint });
    let app = await start({ dataDir, engine: 'auto', env });
    const engines = page.getByRole('grid', { name: 'Engines' });
    await engines
      .getByRole('row', { name: /^Docker at unix:\/\/\S+ reachable in use/ })
      .waitFor({ timeout: 10_000 });
    await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: 10_000 });
    // How it was found, in words, under its name.
    expect(await engines.getByRole('row', { name: /^Docker at / }).textContent()).toContain(
      'Named by DOCKER_HOST',
    );

    const managedRow = engines.getByRole('row', { name: /Berth's own Docker/ });
    await managedRow.getByRole('button', { name: 'Use this engine', exact: true }).click();
    await engines
      .getByRole('row', { name: /Berth's own Docker .* in use/ })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: 30_000 });
    // Beside the indicator, a link named by the engine leads to this page.
    expect(
      await page
        .getByRole('link', { name: "Berth's own Docker", exact: true })
        .getAttribute('href'),
    ).toBe('#/engine');
    await page
      .getByRole('log', { name: 'Engine log' })
      .getByText(/API listen on/)
      .waitFor({ timeout: 10_000 });

    await app.stop();
    app = await start({ dataDir, engine: 'auto', env });
    await engines
      .getByRole('row', { name: /Berth's own Docker .* in use/ })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByRole('status', { name: 'Engine: stopped' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: 30_000 });
    await app.stop();
  });
});
