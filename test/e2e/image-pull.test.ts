// The New container dialog with an image that is not on the engine: pulled
// from a real registry on loopback with a progress bar, or failing plainly and
// quickly when no registry answers, with the docker CLI as the truth.
import { createServer, type Server, type Socket } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { docker } from '../helpers/managed-engine.ts';
import { freePort, startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { hasImage, publishBlobImage } from '../helpers/registry-images.ts';
import type { WebApp } from '../helpers/web-app.ts';

let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };
let registry: TestRegistry;

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 1000 }));
  registry = await startRegistry();
});

afterAll(async () => {
  await registry?.stop();
  await stopAppSession({ dataDir, app, browser, page, engine });
});

async function openDialog(): Promise<Locator> {
  await page.getByRole('link', { name: 'Containers', exact: true }).click();
  await page.getByRole('button', { name: 'New container', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New container' });
  await dialog.waitFor();
  // Command sits behind "More options" (remembered once opened).
  const more = dialog.getByRole('button', { name: 'More options', exact: true });
  if ((await more.getAttribute('aria-expanded')) === 'false') await more.click();
  return dialog;
}

const field = (dialog: Locator, name: string) => dialog.getByLabel(name, { exact: true });

interface BarState {
  label: string;
  value: string | null;
}

/**
 * Every state a "Pulling …" progress bar shows, recorded in the page as it
 * changes (a string: the tests' tsconfig has no DOM types).
 */
async function recordPullBars(): Promise<() => Promise<BarState[]>> {
  await page.evaluate(`(() => {
    const seen = (window.pullBars = []);
    const look = () => {
      for (const bar of document.querySelectorAll('[aria-label^="Pulling "]')) {
        const entry = { label: bar.getAttribute('aria-label'), value: bar.getAttribute('aria-valuenow') };
        const last = seen.at(-1);
        if (!last || last.label !== entry.label || last.value !== entry.value) seen.push(entry);
      }
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
  return () => page.evaluate('window.pullBars') as Promise<BarState[]>;
}

describe('New container with an image that is not here', () => {
  it('pulls it with a progress bar, then creates and starts the container', async () => {
    const ref = `${registry.host}/berth/busybox:pulled`;
    await publishBlobImage(engine, ref);
    expect(await hasImage(engine, ref)).toBe(false);

    const dialog = await openDialog();
    const bars = await recordPullBars();
    await field(dialog, 'Image').fill(ref);
    await field(dialog, 'Name').fill('pulled');
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    await dialog.getByRole('progressbar', { name: `Pulling ${ref}` }).waitFor({ timeout: 10_000 });
    await dialog.waitFor({ state: 'detached', timeout: 60_000 });

    const seen = await bars();
    expect(seen.every((b) => b.label === `Pulling ${ref}`)).toBe(true);
    const values = seen.flatMap((b) => (b.value === null ? [] : [Number(b.value)]));
    expect(values.some((v) => v > 0 && v < 100)).toBe(true);
    expect(
      (
        await docker(
          engine,
          'inspect',
          '--format',
          '{{.State.Running}} {{.Config.Image}}',
          'pulled',
        )
      ).trim(),
    ).toBe(`true ${ref}`);
    expect(await hasImage(engine, ref)).toBe(true);
  });

  it("says within seconds, in the engine's words, that no registry answers; creates nothing and keeps the fields", async () => {
    const ref = `127.0.0.1:${await freePort()}/berth/nothing:1`;
    const dialog = await openDialog();
    await field(dialog, 'Image').fill(ref);
    await field(dialog, 'Name').fill('never-made');
    await field(dialog, 'Command').fill('sleep 60');
    await field(dialog, 'Environment').fill('KEEP=me');
    const started = Date.now();
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    const alert = dialog.getByRole('alert').filter({ hasText: 'connection refused' });
    await alert.waitFor({ timeout: 15_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(alert.textContent()).resolves.toContain(`Couldn't pull ${ref}`);
    await expect(alert.textContent()).resolves.toContain('registry is reachable');

    expect(await docker(engine, 'ps', '-aq', '--filter', 'name=^never-made$')).toBe('');
    await expect(field(dialog, 'Image').inputValue()).resolves.toBe(ref);
    await expect(field(dialog, 'Name').inputValue()).resolves.toBe('never-made');
    await expect(field(dialog, 'Command').inputValue()).resolves.toBe('sleep 60');
    await expect(field(dialog, 'Environment').inputValue()).resolves.toBe('KEEP=me');
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('cancels a pull that waits on a silent registry, creating nothing', async () => {
    const held: Socket[] = [];
    const silent: Server = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const ref = `127.0.0.1:${(silent.address() as { port: number }).port}/berth/silent:1`;
    try {
      const dialog = await openDialog();
      await field(dialog, 'Image').fill(ref);
      await field(dialog, 'Name').fill('cancelled-pull');
      await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
      const bar = dialog.getByRole('progressbar', { name: `Pulling ${ref}` });
      await bar.waitFor({ timeout: 5_000 });
      // Nothing is known about the layers yet: the bar is indeterminate.
      await expect(bar.getAttribute('aria-valuenow')).resolves.toBeNull();
      await dialog.getByRole('button', { name: 'Cancel pull', exact: true }).click();
      await bar.waitFor({ state: 'detached', timeout: 2_000 });
      await dialog.getByText(`The pull of ${ref} was cancelled`).waitFor({ timeout: 2_000 });
      await expect(dialog.getByRole('alert').count()).resolves.toBe(0);
      expect(await docker(engine, 'ps', '-aq', '--filter', 'name=^cancelled-pull$')).toBe('');
      await expect(field(dialog, 'Image').inputValue()).resolves.toBe(ref);
      await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });
});
