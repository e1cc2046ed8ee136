// Registries through the browser face: log in to a real registry with htpasswd
// auth (a wrong password first, refused in the engine's words), see who is
// logged in, browse its repositories and tags, log out; config.json (the app's
// DOCKER_CONFIG) is the truth about what was kept; Docker Hub search offline.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { dockerConfigDir, type WebApp } from '../helpers/web-app.ts';

const run = promisify(execFile);
const user = { username: 'berth', password: 'e2e pass word' };
let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };
let registry: TestRegistry;

/** Pushes busybox as `name` with the CLI, logged in through a config folder of its own. */
async function publish(name: string): Promise<void> {
  const config = await mkdtemp(join(tmpdir(), 'berth-cli-config-'));
  try {
    const auth = Buffer.from(`${user.username}:${user.password}`).toString('base64');
    await writeFile(
      join(config, 'config.json'),
      JSON.stringify({ auths: { [registry.host]: { auth } } }),
    );
    const env = { ...process.env, DOCKER_CONFIG: config };
    const cli = (...args: string[]) =>
      run('docker', ['-H', engine.endpoint, ...args], { env, timeout: 60_000 });
    await cli('tag', busyboxImage, `${registry.host}/${name}`);
    await cli('push', '-q', `${registry.host}/${name}`);
    await cli('rmi', `${registry.host}/${name}`);
  } finally {
    await rm(config, { recursive: true, force: true });
  }
}

const keptAuths = async () => {
  try {
    const text = await readFile(join(dockerConfigDir(dataDir), 'config.json'), 'utf8');
    return (JSON.parse(text) as { auths?: Record<string, { auth?: string }> }).auths ?? {};
  } catch {
    return {};
  }
};

async function shot(name: string): Promise<void> {
  const dir = process.env.BERTH_E2E_SHOTS;
  if (dir) await page.screenshot({ path: join(dir, `${name}.png`) });
}

beforeAll(async () => {
  [{ dataDir, app, browser, page, engine }, registry] = await Promise.all([
    startAppSession({ width: 1280, height: 800 }),
    startRegistry({ user }),
  ]);
  await publish('berth/site:1');
});

afterAll(async () => {
  await registry?.stop();
  await stopAppSession({ dataDir, app, browser, page, engine });
});

describe('registries', () => {
  it('logs in (wrong, then right password), browses, and logs out', async () => {
    await page.getByRole('link', { name: 'Images', exact: true }).click();
    await page.getByRole('button', { name: 'Registries', exact: true }).click();
    const main = page.getByRole('main', { name: 'Registries' });
    await main
      .getByRole('grid', { name: 'Registries' })
      .getByRole('row', { name: /^docker\.io, not logged in/ })
      .waitFor({ timeout: FOLLOW_MS });

    await main.getByRole('button', { name: 'Add registry', exact: true }).click();
    await page.getByRole('dialog', { name: 'Log in to a registry' }).waitFor();
    await page.getByLabel('Registry', { exact: true }).fill(registry.host);
    const dialog = page.getByRole('dialog', { name: `Log in to ${registry.host}` });
    await dialog.getByLabel('Username', { exact: true }).fill(user.username);
    await dialog.getByLabel('Password', { exact: true }).fill('wrong');
    await dialog.getByRole('button', { name: 'Show command', exact: true }).click();
    const command = await dialog.getByLabel('docker command').textContent();
    expect(command).toMatch(new RegExp(`login -u berth ${registry.host}$`));
    await dialog.getByRole('button', { name: 'Log in', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent(), { timeout: FOLLOW_MS })
      .toMatch(/401 Unauthorized|unauthorized: /);
    expect(await keptAuths()).toEqual({});
    await shot('registries-login-refused');

    await dialog.getByLabel('Password', { exact: true }).fill(user.password);
    await dialog.getByRole('button', { name: 'Log in', exact: true }).click();
    await dialog.getByRole('status', { name: 'Login' }).waitFor({ timeout: FOLLOW_MS });
    expect(await dialog.getByRole('alert').textContent()).toMatch(/stored unencrypted/);
    await shot('registries-login-warning');
    await dialog.getByRole('button', { name: 'Done', exact: true }).click();
    const row = main.getByRole('row', { name: `${registry.host}, logged in as berth` });
    await row.waitFor({ timeout: FOLLOW_MS });
    const kept = await keptAuths();
    expect(Buffer.from(kept[registry.host]?.auth ?? '', 'base64').toString()).toBe(
      `${user.username}:${user.password}`,
    );

    await row.getByRole('button', { name: 'Browse', exact: true }).click();
    const repo = main
      .getByRole('grid', { name: 'Repositories' })
      .getByRole('row', { name: 'berth/site' });
    await repo.waitFor({ timeout: FOLLOW_MS });
    await repo.getByRole('button', { name: 'Tags', exact: true }).click();
    const tag = main.getByRole('grid', { name: 'Tags' }).getByRole('row', { name: 'berth/site:1' });
    await tag.waitFor({ timeout: FOLLOW_MS });
    expect(await tag.textContent()).toContain(`pull ${registry.host}/berth/site:1`);
    await shot('registries-browse');

    // A tag's Pull opens the Pull image dialog with it, and pulls with the login just kept.
    const ref = `${registry.host}/berth/site:1`;
    await tag.getByRole('button', { name: 'Pull', exact: true }).click();
    const pull = page.getByRole('dialog', { name: 'Pull image' });
    expect(await pull.getByRole('textbox', { name: 'Image' }).inputValue()).toBe(ref);
    await pull.getByRole('button', { name: 'Pull', exact: true }).click();
    await pull.getByRole('status', { name: `Pulled ${ref}` }).waitFor({ timeout: FOLLOW_MS });
    await run('docker', ['-H', engine.endpoint, 'image', 'inspect', ref], { timeout: 30_000 });
    await pull.getByRole('button', { name: 'Close', exact: true }).click();

    await row.getByRole('button', { name: 'Log out', exact: true }).click();
    const logout = page.getByRole('dialog', { name: `Log out of ${registry.host}?` });
    await logout.getByRole('button', { name: 'Log out', exact: true }).click();
    await main
      .getByRole('row', { name: `${registry.host}, not logged in` })
      .waitFor({ timeout: FOLLOW_MS });
    expect(await keptAuths()).toEqual({});
  });

  it('says Docker Hub cannot be reached within seconds', async () => {
    const started = Date.now();
    const search = page.getByRole('searchbox', { name: 'Search Docker Hub' });
    await search.fill('busybox');
    await search.press('Enter');
    const alert = page.getByRole('region', { name: 'Docker Hub search' }).getByRole('alert');
    await alert.waitFor({ timeout: FOLLOW_MS });
    expect(await alert.textContent()).toContain('Docker Hub cannot be reached (offline?)');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
