// The first run on an engine with no images, at a laptop's 1280x800, driven by
// role and name with the docker CLI as the truth: one click makes the sample
// site's image here (no registry) and runs it on port 8080, or on the next
// free one when a program holds 8080; deleted, it is made again.
import { createServer, type Server } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_SITE_IMAGE } from '../../electron/contract/samples-channels.ts';
import { startAppSession, stopAppSession, type AppSession } from '../helpers/app-session.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { ENGINE_MS, FOLLOW_MS } from '../helpers/deadlines.ts';
import { pageWhenUp } from '../helpers/http-page.ts';
import { docker } from '../helpers/managed-engine.ts';

let session: AppSession;
let page: Page;
let squatter: Server | undefined;

beforeAll(async () => {
  session = await startAppSession({ width: 1280, height: 800 });
  page = session.page;
  // A beginner's engine has no images at all.
  await docker(session.engine, 'rmi', busyboxImage);
});

afterAll(async () => {
  squatter?.close();
  await stopAppSession(session ?? {});
});

const runButton = () => page.getByRole('button', { name: 'Run the sample site' });

/** What the engine publishes the container's port 80 on. */
async function publishedPort(name: string): Promise<number> {
  const line = (await docker(session.engine, 'port', name, '80/tcp')).trim();
  expect(line).toMatch(/^127\.0\.0\.1:\d+$/);
  return Number(line.split(':')[1]);
}

/** Presses Tab until the focused element is named `name` (at most 60 times). */
async function tabTo(name: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate('document.activeElement?.textContent?.trim()');
    if (focused === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

/** Holds a port as another program would; resolves false when something else already does. */
function holdPort(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => {
      squatter = server;
      resolve(true);
    });
  });
}

describe('the first run', () => {
  it('offers the sample site with the docker command of each step, and runs it in one click', async () => {
    await runButton().waitFor({ timeout: ENGINE_MS });
    const steps = page.locator('.first-run-steps pre');
    expect(await steps.nth(0).textContent()).toContain(`import --change`);
    expect(await steps.nth(1).textContent()).toMatch(
      /run -d --name sample-site -p 127\.0\.0\.1:8080:80\/tcp berth\/sample-site:latest$/,
    );
    // 8080 held by a program that is not a container: the site goes to the next free port.
    await holdPort(8080);
    // With the keyboard alone: Tab to the button, Enter.
    await tabTo('Run the sample site');
    await page.keyboard.press('Enter');
    await page.getByRole('main', { name: 'sample-site' }).waitFor({ timeout: ENGINE_MS });
    const port = await publishedPort('sample-site');
    expect(port).toBeGreaterThan(8080);
    expect(await pageWhenUp(port)).toContain('It works: this page comes from a container.');
    expect((await docker(session.engine, 'images', '-q', SAMPLE_SITE_IMAGE)).trim()).not.toBe('');
  });

  it('makes the image again after it was deleted', async () => {
    await docker(session.engine, 'rm', '-f', 'sample-site');
    await docker(session.engine, 'rmi', SAMPLE_SITE_IMAGE);
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    await runButton().click();
    await page.getByRole('main', { name: 'sample-site' }).waitFor({ timeout: ENGINE_MS });
    expect(await pageWhenUp(await publishedPort('sample-site'))).toContain('It works');
  });

  it('is not offered once the engine has images of its own', async () => {
    await docker(session.engine, 'rm', '-f', 'sample-site');
    await ensureBusyboxImage(session.engine.endpoint);
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    await page.getByText('No containers yet.').waitFor();
    await expect.poll(() => runButton().count(), { timeout: FOLLOW_MS }).toBe(0);
  });
});
