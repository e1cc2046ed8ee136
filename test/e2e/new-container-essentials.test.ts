// The New container dialog at 1280x800, as a beginner meets it: the essentials
// first with the buttons in view, the rest behind "More options" (remembered),
// and every clash said beside its field before the engine is asked: a name or
// a host port a container holds (named, with the next free port one click
// away), a port another program holds, an image name in capitals or one typo
// away from a local image. The docker CLI is the truth.
import { createServer, type Server } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { docker, inspectContainer } from '../helpers/managed-engine.ts';
import { freePort } from '../helpers/registry.ts';
import type { WebApp } from '../helpers/web-app.ts';

const VIEWPORT = { width: 1280, height: 800 };
let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };
let program: Server | undefined;

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession(VIEWPORT));
});

// A test that fails with the dialog open leaves the next one a clean page.
afterEach(async () => {
  const dialog = page.getByRole('dialog', { name: 'New container' });
  if (await dialog.count()) await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached', timeout: 5_000 });
});

afterAll(async () => {
  program?.close();
  await stopAppSession({ dataDir, app, browser, page, engine });
});

/** The focused element's label (a field's <label>, else its accessible name or text). */
const focusedLabel = () =>
  page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el) return '';
    const label = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent;
    return (label ?? '').trim();
  })()`);

/** Presses Tab until the focused element is labelled `name` (at most 80 times). */
async function tabTo(name: string): Promise<void> {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    if ((await focusedLabel()) === name) return;
  }
  throw new Error(`Tab never reached "${name}"`);
}

async function openDialog(): Promise<Locator> {
  await page.getByRole('link', { name: 'Containers', exact: true }).click();
  await page.getByRole('button', { name: 'New container', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'New container' });
  await dialog.waitFor();
  return dialog;
}

const field = (dialog: Locator, name: string) => dialog.getByLabel(name, { exact: true });
const button = (scope: Locator, name: string) => scope.getByRole('button', { name, exact: true });

/** What a field's aria-describedby points at, as a screen reader reads it. */
async function describedText(dialog: Locator, name: string): Promise<string> {
  const ids = ((await field(dialog, name).getAttribute('aria-describedby')) ?? '')
    .split(' ')
    .filter(Boolean);
  if (!ids.length) return '';
  return (await page.locator(ids.map((id) => `[id="${id}"]`).join(', ')).allTextContents()).join(
    ' ',
  );
}

/** Waits until the field is marked invalid and its description says `says`. */
async function flagged(dialog: Locator, name: string, says: string | RegExp): Promise<string> {
  await expect
    .poll(() => field(dialog, name).getAttribute('aria-invalid'), { timeout: FOLLOW_MS })
    .toBe('true');
  await expect.poll(() => describedText(dialog, name), { timeout: FOLLOW_MS }).toMatch(says);
  return describedText(dialog, name);
}

/** True when the whole box is inside the 1280x800 window, with no scrolling. */
async function inView(target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  return (
    box !== null &&
    box.y >= 0 &&
    box.x >= 0 &&
    box.y + box.height <= VIEWPORT.height &&
    box.x + box.width <= VIEWPORT.width
  );
}

const focusedId = () => page.evaluate('document.activeElement && document.activeElement.id');

describe('the New container dialog at 1280x800', () => {
  it('shows the essentials with its buttons in view, the rest behind More options, remembered', async () => {
    let dialog = await openDialog();
    const more = button(dialog, 'More options');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    for (const name of ['Image', 'Name', 'Ports', 'Environment', 'Volumes']) {
      expect(await field(dialog, name).isVisible(), name).toBe(true);
    }
    expect(await field(dialog, 'Command').count()).toBe(0);
    await more.click();
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    await field(dialog, 'Restart policy').waitFor();
    // Everything open: the fields scroll, the buttons do not.
    for (const name of ['Create and start', 'Create', 'Show command', 'Cancel']) {
      expect(await inView(button(dialog, name)), name).toBe(true);
    }
    await button(dialog, 'Cancel').click();

    dialog = await openDialog();
    expect(await button(dialog, 'More options').getAttribute('aria-expanded')).toBe('true');
    expect(await field(dialog, 'Command').isVisible()).toBe(true);
    await button(dialog, 'More options').click();
    await button(dialog, 'Cancel').click();
    dialog = await openDialog();
    expect(await button(dialog, 'More options').getAttribute('aria-expanded')).toBe('false');
    expect(await field(dialog, 'Command').count()).toBe(0);
    await button(dialog, 'Cancel').click();
  });

  it('says which container holds a name or a host port, offers the next free port, and creates with the fixes', async () => {
    const hostPort = await freePort();
    await docker(
      engine,
      'run',
      '-d',
      '--name',
      'web',
      '-p',
      `${hostPort}:80`,
      busyboxImage,
      'httpd',
      '-f',
      '-p',
      '80',
    );
    // A program that is not a container holds another port, on loopback only.
    program = createServer();
    await new Promise<void>((resolve) => program!.listen(0, '127.0.0.1', resolve));
    const programPort = (program.address() as { port: number }).port;
    const before = await docker(engine, 'ps', '-aq');

    const dialog = await openDialog();
    // A capital letter: said before anything reaches the engine, with the fix.
    await field(dialog, 'Image').fill('Busybox');
    await flagged(dialog, 'Image', /Repository names are lower case.*Try busybox/);
    // One letter off a local image: "Did you mean", and one click to take it.
    const typo = busyboxImage.replace('busybox', 'busybx');
    await field(dialog, 'Image').fill(typo);
    await expect
      .poll(() => describedText(dialog, 'Image'), { timeout: FOLLOW_MS })
      .toContain(`Did you mean ${busyboxImage}?`);
    await button(dialog, `Use ${busyboxImage}`).click();
    expect(await field(dialog, 'Image').inputValue()).toBe(busyboxImage);
    expect(await field(dialog, 'Image').getAttribute('aria-invalid')).toBe('false');

    await field(dialog, 'Name').fill('web');
    expect(await flagged(dialog, 'Name', 'The name web is taken by a running container')).toMatch(
      /\(created (just now|\d+ s ago|\d+ min ago)\)/,
    );
    await field(dialog, 'Ports').fill(`${hostPort}:80\n${programPort}:81`);
    const ports = await flagged(
      dialog,
      'Ports',
      `Host port ${hostPort} is used by the container web (running)`,
    );
    expect(ports).toContain(
      `Host port ${programPort} is in use by another program on this machine (not a container)`,
    );

    // Submitting is refused here, focus on the first marked field, nothing created.
    await button(dialog, 'Create and start').click();
    await expect.poll(focusedId).toBe(await field(dialog, 'Name').getAttribute('id'));
    expect(await dialog.getByRole('alert').count()).toBe(0);
    await field(dialog, 'Name').fill('web-two');
    await expect
      .poll(() => field(dialog, 'Name').getAttribute('aria-invalid'), { timeout: FOLLOW_MS })
      .toBe('false');
    await button(dialog, 'Create and start').click();
    await expect.poll(focusedId).toBe(await field(dialog, 'Ports').getAttribute('id'));
    expect(await docker(engine, 'ps', '-aq')).toBe(before);

    // One click for each: the next free port replaces the taken one in the text.
    const fixes = dialog.getByRole('button', { name: /^Use host port \d+$/ });
    await expect.poll(() => fixes.count(), { timeout: FOLLOW_MS }).toBe(2);
    const offered = Number((await fixes.first().textContent())!.replace(/\D+/g, ''));
    expect(offered).toBeGreaterThan(hostPort);
    await fixes.first().click();
    await expect.poll(() => fixes.count(), { timeout: FOLLOW_MS }).toBe(1);
    await fixes.first().click();
    await expect
      .poll(() => field(dialog, 'Ports').getAttribute('aria-invalid'), { timeout: FOLLOW_MS })
      .toBe('false');
    const fixed = (await field(dialog, 'Ports').inputValue()).split('\n');
    expect(fixed[0]).toBe(`${offered}:80`);
    expect(fixed[1]).toMatch(/^\d+:81$/);
    expect(fixed[1]).not.toBe(`${programPort}:81`);

    await button(dialog, 'More options').click();
    await field(dialog, 'Command').fill('httpd -f -p 80');
    await button(dialog, 'Create and start').click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    const info = await inspectContainer(engine, 'web-two');
    expect(info.State.Running).toBe(true);
    expect(info.NetworkSettings.Ports['80/tcp']?.[0]?.HostPort).toBe(String(offered));
    expect(info.NetworkSettings.Ports['81/tcp']?.[0]?.HostPort).toBe(fixed[1]!.split(':')[0]);
    expect(await docker(engine, 'ps', '--format', '{{.Names}}', '--filter', 'name=^web-two$')).toBe(
      'web-two\n',
    );
  });

  it("puts Berth's advice in its own sentence and the engine's words under Details", async () => {
    const dialog = await openDialog();
    await field(dialog, 'Image').fill(busyboxImage);
    await field(dialog, 'Name').fill('no-folder');
    await field(dialog, 'Volumes').fill('/definitely/not/here:/x');
    await button(dialog, 'Create and start').click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor({ timeout: 15_000 });
    expect(await inView(alert)).toBe(true);
    await alert
      .getByText('Create the folder first, or pick one that exists.', { exact: true })
      .waitFor();
    const details = button(alert, 'Details');
    expect(await details.getAttribute('aria-expanded')).toBe('false');
    expect(await alert.getByText('bind source path does not exist').isVisible()).toBe(false);
    await details.click();
    // The toggle event comes a moment after the click.
    await expect.poll(() => details.getAttribute('aria-expanded')).toBe('true');
    await alert.getByText('bind source path does not exist').waitFor({ state: 'visible' });
    await button(dialog, 'Cancel').click();
    expect(await docker(engine, 'ps', '-aq', '--filter', 'name=^no-folder$')).toBe('');
  });

  it('creates and starts a container with the keyboard alone, then opens its Overview', async () => {
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    await page.getByRole('grid', { name: 'Containers' }).waitFor();
    await tabTo('New container');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New container' });
    await dialog.waitFor();
    await tabTo('Image');
    await page.keyboard.type(busyboxImage);
    await tabTo('Name');
    await page.keyboard.type('by-keyboard');
    await tabTo('Create and start');
    await page.keyboard.press('Enter');
    await page
      .getByRole('main', { name: 'by-keyboard' })
      .getByRole('tab', { name: 'Overview', selected: true })
      .waitFor({ timeout: FOLLOW_MS });
    expect(
      await docker(
        engine,
        'ps',
        '-a',
        '--format',
        '{{.Names}} {{.Image}}',
        '--filter',
        'name=^by-keyboard$',
      ),
    ).toBe(`by-keyboard ${busyboxImage}\n`);
  });
});
