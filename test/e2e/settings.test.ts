// The Settings page in Chromium, by role and name: each choice applies at once
// where it is used (theme, a Containers column, the terminal's font size), in
// every open window, and lands in settings.json; a truncated settings file and
// one from a newer Berth are each set aside and reported, the app running on
// defaults; and Reset engine, confirmed in its dialog, empties the engine.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession, type AppSession } from '../helpers/app-session.ts';
import { signIn } from '../helpers/browser.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { ENGINE_MS, FOLLOW_MS, testTimeout } from '../helpers/deadlines.ts';
import { docker } from '../helpers/managed-engine.ts';
import { startWebApp, type WebApp } from '../helpers/web-app.ts';

let session: AppSession;
let page: Page;
const extraApps: WebApp[] = [];
const shots = process.env.BERTH_E2E_SHOTS;

const shot = async (p: Page, name: string) => {
  if (shots) await p.screenshot({ path: join(shots, `${name}.png`) });
};
const themeOf = (p: Page) => p.evaluate('document.documentElement.dataset.theme');
const settingsFile = async () =>
  JSON.parse(await readFile(join(session.dataDir, 'settings.json'), 'utf8')) as Record<
    string,
    unknown
  >;

beforeAll(async () => {
  session = await startAppSession({ width: 1280, height: 800 });
  page = session.page;
  await docker(
    session.engine,
    'run',
    '-d',
    '--stop-timeout',
    '1',
    '--name',
    'settings-box',
    busyboxImage,
    'sleep',
    '600',
  );
}, testTimeout(ENGINE_MS));

afterAll(async () => {
  for (const app of extraApps) await app.stop();
  await stopAppSession(session ?? {});
});

describe('the Settings page', () => {
  it('applies the theme at once in every window and keeps it in settings.json', async () => {
    const other = await session.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(other, session.app.urlWithToken);
    await other.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: FOLLOW_MS });
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const main = page.getByRole('main', { name: 'Settings' });
    await main.getByRole('radio', { name: 'Dark', exact: true }).check();
    await expect.poll(() => themeOf(page), { timeout: FOLLOW_MS }).toBe('dark');
    // The other window follows the app's event, not this page.
    await expect.poll(() => themeOf(other), { timeout: FOLLOW_MS }).toBe('dark');
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).not.toBe('rgb(246, 247, 249)');
    await shot(page, 'settings-dark');
    expect(await settingsFile()).toMatchObject({ version: 1, theme: 'dark' });
    await other.close();
  });

  it('hides a column of the Containers list, and says so to a screen reader', async () => {
    const main = page.getByRole('main', { name: 'Settings' });
    await main.getByRole('checkbox', { name: 'Ports', exact: true }).uncheck();
    await expect.poll(async () => (await settingsFile()).hiddenContainerColumns).toEqual(['ports']);
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    const grid = page.getByRole('grid', { name: 'Containers' });
    await grid.getByRole('row', { name: /settings-box/ }).waitFor({ timeout: FOLLOW_MS });
    await expect.poll(() => grid.getByRole('columnheader', { name: 'Ports' }).count()).toBe(0);
    expect(await grid.getByRole('columnheader', { name: 'Created' }).count()).toBe(1);
    expect(await grid.getAttribute('aria-colcount')).toBe('8');
    await shot(page, 'settings-containers-dark');
  });

  it('sets the terminal font size, refusing a size out of range with the reason', async () => {
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    const size = page.getByRole('main', { name: 'Settings' }).getByRole('spinbutton', {
      name: 'Terminal font size',
    });
    await size.fill('99');
    await expect.poll(() => size.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByText('Terminal font size: at most 32').count()).toBe(1);
    await size.fill('20');
    await expect.poll(async () => (await settingsFile()).terminalFontSize).toBe(20);
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    await page
      .getByRole('row', { name: /settings-box/ })
      .getByRole('button', { name: 'Open terminal', exact: true })
      .click();
    const terminal = page.getByRole('region', { name: 'Terminal 1', exact: true });
    await terminal.locator('.xterm-rows').waitFor({ timeout: FOLLOW_MS });
    const rowsFont = `getComputedStyle(document.querySelector('.xterm-rows')).fontSize`;
    await expect.poll(() => page.evaluate(rowsFont), { timeout: FOLLOW_MS }).toBe('20px');
    await shot(page, 'settings-terminal-dark');
  });
});

describe('a settings file Berth cannot use', () => {
  /** An app with no engine at all: the settings file is read before any engine matters. */
  async function appWith(content: string): Promise<{ dataDir: string; app: WebApp; p: Page }> {
    const dataDir = await mkdtemp(join(tmpdir(), 'berth-settings-e2e-'));
    await writeFile(join(dataDir, 'settings.json'), content);
    const app = await startWebApp({
      dataDir,
      engine: 'auto',
      env: {
        HOME: dataDir,
        DOCKER_HOST: '',
        DOCKER_CONTEXT: '',
        BERTH_NO_WELL_KNOWN_SOCKETS: '1',
        BERTH_DOCKERD: 'none',
      },
    });
    extraApps.push(app);
    const p = await session.browser.newPage({
      viewport: { width: 1280, height: 800 },
    });
    await signIn(p, app.urlWithToken);
    await p.goto(`${app.url}#/settings`);
    return { dataDir, app, p };
  }

  it.each([
    [
      'truncated JSON',
      '{"version": 1, "theme": "da',
      /damaged \(not JSON/,
      /settings\.json\.damaged-/,
    ],
    [
      'a newer version',
      JSON.stringify({ version: 3, theme: 'dark' }),
      /written by a newer Berth \(settings version 3/,
      /settings\.json\.v3-/,
    ],
  ])(
    'sets %s aside, says where, and starts from defaults',
    async (_what, content, message, asideName) => {
      const { dataDir, p } = await appWith(content);
      const alert = p.getByRole('alert', { name: 'Settings file problem' });
      await alert.waitFor({ timeout: FOLLOW_MS });
      const text = (await alert.textContent()) ?? '';
      expect(text).toMatch(message);
      expect(text).toContain(join(dataDir, 'settings.json'));
      const aside = (await readdir(dataDir)).find((f) => asideName.test(f));
      expect(aside).toBeDefined();
      expect(text).toContain(join(dataDir, aside!));
      expect(await readFile(join(dataDir, aside!), 'utf8')).toBe(content);
      expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
      // Defaults: the system theme, every column.
      const main = p.getByRole('main', { name: 'Settings' });
      expect(await main.getByRole('radio', { name: 'Same as the system' }).isChecked()).toBe(true);
      expect(await main.getByRole('checkbox', { name: 'Ports', exact: true }).isChecked()).toBe(
        true,
      );
      await shot(
        p,
        `settings-problem-${asideName.source.includes('damaged') ? 'damaged' : 'newer'}`,
      );
      await p.close();
    },
    testTimeout(FOLLOW_MS, FOLLOW_MS),
  );
});

describe('Reset engine', () => {
  it(
    'asks first, saying what is lost, then empties the engine and starts it again',
    async () => {
      await docker(session.engine, 'volume', 'create', 'reset-me');
      await page.getByRole('link', { name: 'Engine', exact: true }).click();
      const main = page.getByRole('main', { name: 'Engine' });
      await main.getByRole('button', { name: 'Reset engine', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Reset engine' });
      expect(await dialog.textContent()).toMatch(/images, containers, volumes and\s+networks/);
      await shot(page, 'reset-engine-dialog');
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
      expect(await docker(session.engine, 'ps', '-aq')).not.toBe('');

      await main.getByRole('button', { name: 'Reset engine', exact: true }).click();
      await dialog.getByRole('button', { name: 'Reset and delete everything' }).click();
      await page
        .getByRole('progressbar', { name: 'Resetting the engine' })
        .waitFor({ timeout: FOLLOW_MS });
      await shot(page, 'reset-engine-progress');
      await page
        .getByRole('progressbar', { name: 'Resetting the engine' })
        .waitFor({ state: 'detached', timeout: ENGINE_MS });
      await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: ENGINE_MS });
      expect(await main.getByRole('alert').count()).toBe(0);
      expect((await docker(session.engine, 'ps', '-aq')).trim()).toBe('');
      expect((await docker(session.engine, 'volume', 'ls', '-q')).trim()).toBe('');
      await page.getByRole('link', { name: 'Containers', exact: true }).click();
      await expect
        .poll(() => page.getByRole('row', { name: /settings-box/ }).count(), { timeout: FOLLOW_MS })
        .toBe(0);
    },
    testTimeout(FOLLOW_MS, ENGINE_MS, ENGINE_MS),
  );
});
