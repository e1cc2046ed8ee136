// A container's Overview at 1280x800, by role and name, with the docker CLI as
// the truth: a web container's address once per published port, a container
// that failed at once with its reason and its stderr line, one killed for
// memory, and the New container dialog landing here to say what happened.
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession, type AppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker, inspectContainer } from '../helpers/managed-engine.ts';
import { freePort } from '../helpers/registry.ts';

let session: AppSession;
let page: Page;

const site =
  'mkdir -p /www && echo "<h1>hello from busybox</h1>" > /www/index.html && exec httpd -f -p 80 -h /www';

beforeAll(async () => {
  session = await startAppSession({ width: 1280, height: 800 });
  ({ page } = session);
});

/** A folder to write screenshots to (BERTH_E2E_SHOTS), to look at what the page showed. */
const shots = process.env.BERTH_E2E_SHOTS;

afterEach(async (ctx) => {
  if (shots && ctx.task.result?.state === 'fail') {
    await page.screenshot({
      path: `${shots}/container-overview-failed-${ctx.task.name.slice(0, 20)}.png`,
    });
  }
});

afterAll(async () => {
  await stopAppSession(session ?? {});
});

const run = (...args: string[]) => docker(session.engine, 'run', ...args);

/** Opens a container's page from the list, as a user would; it opens on its Overview. */
async function openOverview(name: string): Promise<Locator> {
  await page.getByRole('link', { name: 'Containers', exact: true }).click();
  await page
    .getByRole('grid', { name: 'Containers' })
    .getByRole('link', { name: `Open ${name}`, exact: true })
    .click();
  const main = page.getByRole('main', { name });
  await main.getByRole('tab', { name: 'Overview', selected: true }).waitFor({ timeout: 10_000 });
  return main;
}

describe('the Overview', () => {
  it('opens first and shows a web container’s address once per published port', async () => {
    const port = await freePort();
    // Published on every address: the engine may report a 0.0.0.0 and a :: binding.
    await run('-d', '--name', 'web', '-p', `${port}:80`, busyboxImage, 'sh', '-c', site);
    const cli = await docker(session.engine, 'port', 'web', '80/tcp');
    expect(cli).toContain(`:${port}`);

    const main = await openOverview('web');
    const tabs = await main.getByRole('tab').allTextContents();
    expect(tabs[0]).toBe('Overview');
    const link = main.getByRole('link', { name: `Open http://localhost:${port}`, exact: true });
    await link.waitFor({ timeout: 10_000 });
    expect(await link.count()).toBe(1);
    expect(await link.getAttribute('href')).toBe(`http://localhost:${port}`);
    await main.getByText('Your site:').waitFor();
    // The address answers: the site the container serves.
    const body = await (await fetch(`http://localhost:${port}/`)).text();
    expect(body).toContain('hello from busybox');
    await main.getByText(busyboxImage, { exact: true }).waitFor();
    expect(await main.getByRole('status', { name: 'Why it stopped' }).count()).toBe(0);
    // The live preview frames the site, through Berth's framing page for that port only.
    const preview = main.getByTitle(`Preview of http://localhost:${port}`);
    await preview
      .contentFrame()
      .locator('iframe')
      .contentFrame()
      .getByText('hello from busybox')
      .waitFor({ timeout: 15_000 });
    expect(await preview.getAttribute('sandbox')).not.toContain('allow-same-origin');
    const unpublished = await fetch(new URL(`/preview/${await freePort()}`, session.app.url));
    expect(unpublished.status).toBe(404);
    // Without the page's single-use ticket, a published port looks the same: nothing to learn.
    for (const query of ['', '?ticket=0123456789abcdef0123456789abcdef']) {
      const guessed = await fetch(new URL(`/preview/${port}${query}`, session.app.url));
      expect(guessed.status).toBe(404);
    }
    const used = (await preview.getAttribute('src'))!;
    expect(used).toMatch(new RegExp(`^/preview/${port}\\?ticket=[0-9a-f]{32}$`));
    expect((await fetch(new URL(used, session.app.url))).status).toBe(404);
    if (shots) await page.screenshot({ path: `${shots}/overview-web.png` });

    // A next step switches tabs, with the keyboard too; a link to a tab by its address still works.
    await main.getByRole('button', { name: 'Settings', exact: true }).focus();
    await page.keyboard.press('Enter');
    await main.getByRole('tab', { name: 'Settings', selected: true }).waitFor();
    const id = (await inspectContainer(session.engine, 'web')).Id;
    await page.evaluate(`location.hash = ${JSON.stringify(`#/containers/${id}/inspect`)}`);
    await main.getByRole('tab', { name: 'Inspect', selected: true }).waitFor();
  });

  it('says why a container that failed at once stopped, with its stderr line', async () => {
    await run('--name', 'boom', busyboxImage, 'sh', '-c', 'echo boom >&2; exit 3').catch(
      () => undefined, // `docker run` exits with the container's code
    );
    expect((await inspectContainer(session.engine, 'boom')).State.ExitCode).toBe(3);

    const main = await openOverview('boom');
    const why = main.getByRole('status', { name: 'Why it stopped' });
    await why.waitFor({ timeout: 10_000 });
    expect(await why.textContent()).toContain('exit code 3');
    // The program's own last words are quoted with the reason.
    await why.getByText('boom', { exact: true }).waitFor({ timeout: 10_000 });
    await main.getByText('failed with exit code 3', { exact: true }).waitFor();
    const line = main
      .getByRole('log', { name: 'Recent log' })
      .getByRole('row', { name: 'boom', exact: true });
    await line.waitFor({ timeout: 10_000 });
    expect(await line.getAttribute('class')).toContain('log-stderr');
    if (shots) await page.screenshot({ path: `${shots}/overview-boom.png` });
  });

  it('explains a container killed for lack of memory', async () => {
    // busybox `tail` keeps a whole "line" of /dev/zero, which never ends: it grows until killed.
    await run(
      '--name',
      'hog',
      '--memory',
      '8m',
      '--memory-swap',
      '8m',
      busyboxImage,
      'tail',
      '/dev/zero',
    ).catch(() => undefined);
    const state = (await inspectContainer(session.engine, 'hog')).State;
    expect(state.OOMKilled).toBe(true);

    const main = await openOverview('hog');
    const why = main.getByRole('status', { name: 'Why it stopped' });
    await why.waitFor({ timeout: 10_000 });
    expect(await why.textContent()).toContain('more memory');
    await main.getByText('stopped: out of memory', { exact: true }).waitFor();
  });

  it('says within seconds that a published port answers nothing, in the preview', async () => {
    const port = await freePort();
    // Published, but nothing inside listens on 8080.
    await run(
      '-d',
      '--name',
      'silent',
      '-p',
      `127.0.0.1:${port}:8080`,
      busyboxImage,
      'sleep',
      '600',
    );
    const main = await openOverview('silent');
    await main.getByRole('link', { name: `Open http://localhost:${port}`, exact: true }).waitFor();
    const started = Date.now();
    await main
      .getByRole('status', { name: 'Preview' })
      .getByText(/answers nothing/)
      .waitFor({ timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await main.locator('iframe').count()).toBe(0);
  });

  it('opens on the Overview after Create and start, and says when it stopped at once', async () => {
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    await page.getByRole('button', { name: 'New container', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New container' });
    // The image's own command is a shell without input: it ends at once, successfully.
    await dialog.getByLabel('Image', { exact: true }).fill(busyboxImage);
    await dialog.getByLabel('Name', { exact: true }).fill('quick');
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    const main = page.getByRole('main', { name: 'quick' });
    await main.getByRole('tab', { name: 'Overview', selected: true }).waitFor({ timeout: 15_000 });
    const note = main.getByRole('status', { name: 'Created' });
    await note.getByText(/quick started, then stopped.*: finished/).waitFor({ timeout: 15_000 });
    expect((await inspectContainer(session.engine, 'quick')).State.ExitCode).toBe(0);
  });

  it('keeps and shows what a --rm container printed after the engine removed it', async () => {
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    await page.getByRole('button', { name: 'New container', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New container' });
    await dialog.getByLabel('Image', { exact: true }).fill(busyboxImage);
    await dialog.getByLabel('Name', { exact: true }).fill('once');
    // The dialog is growing a "More options" fold; the fields below may sit behind it.
    const more = dialog.getByRole('button', { name: 'More options', exact: true });
    if ((await more.count()) > 0 && (await more.getAttribute('aria-expanded')) !== 'true') {
      await more.click();
    }
    await dialog
      .getByLabel('Command', { exact: true })
      .fill(`sh -c 'sleep 1; echo hello from once; echo oops >&2; exit 4'`);
    await dialog.getByRole('checkbox', { name: 'Remove when it exits', exact: true }).check();
    await dialog.getByRole('button', { name: 'Create and start', exact: true }).click();
    const main = page.getByRole('main', { name: 'once' });
    await main.getByRole('tab', { name: 'Overview', selected: true }).waitFor({ timeout: 15_000 });
    // Gone from the engine, as --rm asks…
    const why = main.getByRole('status', { name: 'Why it stopped' });
    await why.waitFor({ timeout: 20_000 });
    expect(await docker(session.engine, 'ps', '-a', '-q', '--filter', 'name=^once$')).toBe('');
    // …but what it printed, and how it ended, are still shown.
    expect(await why.textContent()).toContain('exit code 4');
    const output = main.getByRole('list', { name: 'Kept output' });
    await output.getByText('hello from once', { exact: true }).waitFor();
    const oops = output.getByText('oops', { exact: true });
    expect(await oops.getAttribute('class')).toContain('log-stderr');
    if (shots) await page.screenshot({ path: `${shots}/overview-rm.png` });
  });
});
