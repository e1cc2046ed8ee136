// Pull image, Tag and Push on the Images page through the browser face, with
// real registries on loopback (one open, one with an htpasswd user) and the
// docker CLI and the registry's tags list as the truth.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker } from '../helpers/managed-engine.ts';
import { registryTags, startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { hasImage, publishBlobImage } from '../helpers/registry-images.ts';
import { startStallingProxy } from '../helpers/stalling-proxy.ts';
import type { WebApp } from '../helpers/web-app.ts';

let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };
let open: TestRegistry;
let locked: TestRegistry;

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 800 }));
  [open, locked] = await Promise.all([
    startRegistry(),
    startRegistry({ user: { username: 'berth', password: 'secret' } }),
  ]);
  await page.getByRole('link', { name: 'Images', exact: true }).click();
});

// A test that fails with its dialog open would leave it over the page, failing the next ones too.
afterEach(async () => {
  const leftOpen = page.locator('dialog[open]');
  for (let i = 0; i < 3 && (await leftOpen.count()) > 0; i++) await page.keyboard.press('Escape');
});

afterAll(async () => {
  await open?.stop();
  await locked?.stop();
  await stopAppSession({ dataDir, app, browser, page, engine });
});

const shot = async (name: string) => {
  const dir = process.env.BERTH_E2E_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
};

/** The row of `ref` in the Images grid, filtered down to it first (the grid is virtualised). */
async function rowOf(ref: string): Promise<Locator> {
  await page.getByRole('searchbox', { name: 'Filter images' }).fill(ref);
  const row = page.getByRole('grid', { name: 'Images' }).getByRole('row', { name: ref });
  await row.waitFor({ timeout: 10_000 });
  return row;
}

/** Every state of the layer bars inside "Pulling …"/"Pushing …", recorded in the page. */
async function recordLayerBars(): Promise<() => Promise<{ id: string; text: string }[]>> {
  await page.evaluate(`(() => {
    const seen = (window.layerBars = []);
    const look = () => {
      for (const bar of document.querySelectorAll('[aria-label^="Pulling "] progress[aria-label], [aria-label^="Pushing "] progress[aria-label]')) {
        const entry = { id: bar.getAttribute('aria-label'), text: bar.getAttribute('aria-valuetext') };
        if (!seen.some((e) => e.id === entry.id && e.text === entry.text)) seen.push(entry);
      }
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
  return () => page.evaluate('window.layerBars') as Promise<{ id: string; text: string }[]>;
}

describe('sharing images from the Images page', () => {
  // The registry holds its blobs for 3 s, so the bars can be seen by role.
  let pulled = '';
  const tagged = () => `${open.host}/berth/e2e-tagged:2`;

  it('pulls an image with one bar per layer inside the overall bar, and it shows in the list', async () => {
    await publishBlobImage(engine, `${open.host}/berth/e2e:1`, 20);
    const proxy = await startStallingProxy(open.port, {
      stallOn: /^GET \S*\/blobs\//m,
      stallMs: 3_000,
    });
    pulled = `${proxy.host}/berth/e2e:1`;
    try {
      const layers = await recordLayerBars();
      await page.getByRole('button', { name: 'Pull image', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Pull image' });
      await dialog.getByLabel('Image', { exact: true }).fill(pulled);
      await expect(dialog.getByLabel('Platform', { exact: true }).inputValue()).resolves.toBe('');
      await dialog.getByRole('button', { name: 'Show command', exact: true }).click();
      await expect(dialog.getByLabel('docker command').textContent()).resolves.toContain(
        `pull ${pulled}`,
      );
      await dialog.getByRole('button', { name: 'Pull', exact: true }).click();

      const overall = dialog.getByRole('progressbar', { name: `Pulling ${pulled}` });
      const layerBar = overall.getByRole('progressbar', { name: /^[0-9a-f]{12}$/ }).first();
      await layerBar.waitFor({ timeout: 10_000 });
      await shot('pull-progress');
      await dialog.getByRole('status', { name: `Pulled ${pulled}` }).waitFor({ timeout: 30_000 });
      await shot('pulled');

      const seen = await layers();
      expect(seen.every((l) => /^[0-9a-f]{12}$/.test(l.id))).toBe(true);
      expect(seen.some((l) => l.text === 'Already exists')).toBe(true); // busybox's layer
      expect(seen.some((l) => /^Downloading [\d.]+ [kM]?B of [\d.]+ MB$/.test(l.text))).toBe(true);
      // Past the download: a layer's last state ("Pull complete") may come in the same frame
      // as the pull's end, which replaces the bars with the "Pulled" status; the states
      // before it (download complete, extracting) are each shown for a while.
      expect(seen.some((l) => /^(Download complete|Extracting|Pull complete)/.test(l.text))).toBe(
        true,
      );
      expect(await hasImage(engine, pulled)).toBe(true);
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();
      await rowOf(pulled);
    } finally {
      await proxy.close();
    }
  });

  it('cancels a pull half-way, says so, and the engine keeps no part of the image', async () => {
    await publishBlobImage(engine, `${open.host}/berth/e2e-cancel:1`, 2);
    const proxy = await startStallingProxy(open.port, {
      stallOn: /^GET \S*\/blobs\//m,
      stallMs: 20_000,
    });
    const ref = `${proxy.host}/berth/e2e-cancel:1`;
    const before = await docker(engine, 'images', '-a', '-q', '--no-trunc');
    try {
      await page.getByRole('button', { name: 'Pull image', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Pull image' });
      await dialog.getByLabel('Image', { exact: true }).fill(ref);
      await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
      const overall = dialog.getByRole('progressbar', { name: `Pulling ${ref}` });
      await overall.getByRole('progressbar').first().waitFor({ timeout: 10_000 });
      await dialog.getByRole('button', { name: 'Cancel pull', exact: true }).click();
      await dialog.getByRole('status', { name: `Pull of ${ref} cancelled` }).waitFor();
      await overall.waitFor({ state: 'detached' });
      await expect(dialog.getByRole('alert').count()).resolves.toBe(0);
      // The CLI as the truth: no image, not even an untagged one.
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await hasImage(engine, ref)).toBe(false);
      expect(await docker(engine, 'images', '-a', '-q', '--no-trunc')).toBe(before);
      await dialog.getByRole('button', { name: 'Close', exact: true }).click();
    } finally {
      await proxy.close();
    }
  });

  it('tags it, checking the new name as the CLI does while typing', async () => {
    await (await rowOf(pulled)).getByRole('button', { name: 'Tag', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Tag ${pulled}` });
    const field = dialog.getByLabel('New tag', { exact: true });
    await field.fill('Berth/Upper:1');
    await dialog.getByText('Repository names are lower case').waitFor();
    await expect(dialog.getByRole('button', { name: 'Add tag' }).isDisabled()).resolves.toBe(true);
    await field.fill(tagged());
    await dialog.getByRole('button', { name: 'Show command', exact: true }).click();
    await expect(dialog.getByLabel('docker command').textContent()).resolves.toContain(
      `tag ${pulled} ${tagged()}`,
    );
    await dialog.getByRole('button', { name: 'Add tag', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await rowOf(tagged());
    expect(await hasImage(engine, tagged())).toBe(true);
  });

  it('pushes the tag picked among the image’s names, with per-layer bars', async () => {
    const layers = await recordLayerBars();
    await (await rowOf(tagged())).getByRole('button', { name: 'Push', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /^Push / });
    const choice = dialog.getByRole('combobox', { name: 'Tag to push' });
    await choice.selectOption(tagged());
    await dialog.getByRole('button', { name: 'Show command', exact: true }).click();
    await expect(dialog.getByLabel('docker command').textContent()).resolves.toContain(
      `push ${tagged()}`,
    );
    await dialog.getByRole('button', { name: 'Push', exact: true }).click();
    const pushed = dialog.getByRole('status', { name: `Pushed ${tagged()}` });
    await pushed.waitFor({ timeout: 30_000 });
    await expect(pushed.textContent()).resolves.toMatch(/2: digest: sha256:[0-9a-f]{64} size: \d+/);
    await shot('pushed');
    expect(await registryTags(open, 'berth/e2e-tagged')).toEqual(['2']);
    const seen = await layers();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((l) => /^(Pushed|Layer already exists|Mounted from )/.test(l.text))).toBe(
      true,
    );
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  });

  it('shows an unauthorized push in the engine’s words, offers the login, then pushes', async () => {
    const ref = `${locked.host}/berth/private:1`;
    await docker(engine, 'tag', busyboxImage, ref);
    await (await rowOf(ref)).getByRole('button', { name: 'Push', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /^Push / });
    await dialog.getByRole('combobox', { name: 'Tag to push' }).selectOption(ref);
    await dialog.getByRole('button', { name: 'Push', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    await expect(alert.textContent()).resolves.toContain(
      `Couldn't push ${ref}: ${locked.host} wants a user name and password`,
    );
    await alert.getByRole('button', { name: 'Details' }).click();
    await expect(alert.textContent()).resolves.toMatch(/no basic auth credentials|unauthorized/);
    await shot('push-unauthorized');
    expect(await registryTags(locked, 'berth/private')).toEqual([]);

    // The alert offers the registry's login; once logged in, the same push goes through.
    await alert.getByRole('button', { name: 'Log in', exact: true }).click();
    const login = page.getByRole('dialog', { name: `Log in to ${locked.host}` });
    await login.getByRole('textbox', { name: 'Username' }).fill('berth');
    await login.getByLabel('Password', { exact: true }).fill('secret');
    await login.getByRole('button', { name: 'Log in', exact: true }).click();
    await login.getByRole('status', { name: 'Login' }).waitFor({ timeout: 15_000 });
    await login.getByRole('button', { name: 'Done', exact: true }).click();
    await login.waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Push', exact: true }).click();
    await dialog.getByRole('status', { name: `Pushed ${ref}` }).waitFor({ timeout: 30_000 });
    expect(await registryTags(locked, 'berth/private')).toEqual(['1']);
    await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  });
});
