// The Terminal tab in Chromium, driven by role and name; what the shell
// printed is read through xterm's accessibility tree (screen-reader mode), the
// way a screen reader would read it.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { docker } from '../helpers/managed-engine.ts';
import type { WebApp } from '../helpers/web-app.ts';

let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 1000 }));
  await docker(engine, 'run', '-d', '--name', 'shell-box', busyboxImage, 'sleep', '600');
  await docker(engine, 'create', '--name', 'parked', busyboxImage, 'sleep', '600');
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

/** The text xterm exposes to screen readers, one row a line. */
const screenText = (region: Locator) =>
  region.locator('.xterm-accessibility-tree').evaluate((el) => el.textContent ?? '');

async function waitForText(region: Locator, text: string): Promise<void> {
  const deadline = Date.now() + FOLLOW_MS;
  let last = '';
  while (Date.now() < deadline) {
    last = await screenText(region).catch(() => '');
    if (last.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Never saw "${text}" in the terminal; it showed: ${last.slice(-500)}`);
}

async function typeLine(region: Locator, line: string): Promise<void> {
  await region.locator('textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function openContainer(name: string): Promise<Locator> {
  await page.getByRole('link', { name: 'Containers', exact: true }).click();
  await page
    .getByRole('grid', { name: 'Containers' })
    .getByRole('link', { name: `Open ${name}`, exact: true })
    .click();
  return page.getByRole('main', { name });
}

describe('Terminal tab', () => {
  it('opens a shell from the row, runs what is typed, and keeps sessions across pages', async () => {
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    await page
      .getByRole('row', { name: /shell-box/ })
      .getByRole('button', { name: 'Open terminal', exact: true })
      .click();
    const main = page.getByRole('main', { name: 'shell-box' });
    const first = main.getByRole('region', { name: 'Terminal 1', exact: true });
    await waitForText(first, '/ #');
    await typeLine(first, 'echo hello-$((6*7))');
    await waitForText(first, 'hello-42');
    // xterm's own <style> elements, refused by the CSP, live on as constructed sheets.
    expect(await page.evaluate('document.adoptedStyleSheets.length')).toBeGreaterThan(0);

    await main.getByRole('button', { name: 'New terminal', exact: true }).click();
    const second = main.getByRole('region', { name: 'Terminal 2', exact: true });
    await waitForText(second, '/ #');
    await typeLine(second, 'echo second-$((2+2))');
    await waitForText(second, 'second-4');

    // Away and back: both sessions still run, with what they showed.
    const again = await openContainer('shell-box');
    await again.getByRole('tab', { name: 'Terminal', exact: true }).click();
    await again.getByRole('tab', { name: 'Terminal 1', exact: true }).click();
    const back = again.getByRole('region', { name: 'Terminal 1', exact: true });
    await waitForText(back, 'hello-42');
    await typeLine(back, 'echo still-$((3*3))');
    await waitForText(back, 'still-9');
  });

  it('says when the shell exits, and Reconnect opens a new one', async () => {
    const main = page.getByRole('main', { name: 'shell-box' });
    const region = main.getByRole('region', { name: 'Terminal 1', exact: true });
    await typeLine(region, 'exit');
    await region.getByRole('status').getByText('The process exited.').waitFor();
    await waitForText(region, '[sh exited with code 0.]');
    await region.getByRole('button', { name: 'Reconnect', exact: true }).click();
    await region.getByRole('status').waitFor({ state: 'detached' });
    await typeLine(region, 'echo back-$((4+4))');
    await waitForText(region, 'back-8');
  });

  it('runs a shell in the image of a stopped container, and shows its command', async () => {
    const main = await openContainer('parked');
    await main.getByRole('tab', { name: 'Terminal', exact: true }).click();
    await main.getByRole('button', { name: 'Show command', exact: true }).click();
    expect(await main.locator('code.command-line').innerText()).toMatch(
      /run --rm -it berth-test\/busybox:latest sh$/,
    );
    await main.getByRole('button', { name: 'Run a shell in this image', exact: true }).click();
    const region = main.getByRole('region', { name: 'Terminal 1', exact: true });
    await waitForText(region, '/ #');
    await typeLine(region, 'echo image-$((7*6))');
    await waitForText(region, 'image-42');
  });
});
