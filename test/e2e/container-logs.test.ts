// The Logs tab, driven by role and name in Chromium, with the docker CLI as
// the truth: it opens on the last lines, follows, searches (next/previous),
// shows timestamps, keeps HTML and terminal escapes inert, loads older lines
// on scroll-up, copies selected lines, downloads the whole log, and shows a
// command that works.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession, type AppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker } from '../helpers/managed-engine.ts';
import { dockerConfigDir } from '../helpers/web-app.ts';

const sh = promisify(execFile);
let session: AppSession;
let page: Page;
let browser: Browser;

const chatty = [
  'for i in $(seq 1 300); do echo "line $i"; done',
  // The engine reads stdout and stderr on separate pipes, so a stderr line
  // written right after 300 stdout lines can land among the first of them in
  // the log file (and out of the last 200, for the CLI too). A pause keeps it last.
  'sleep 1',
  'printf "\\033[31mred text\\033[0m\\n"',
  'echo "<b>bold?</b><img src=x onerror=alert(1)>"',
  'echo "oops on stderr" >&2',
  'printf "\\033]52;c;aGFja2Vk\\007clip\\033]8;;http://evil.example/\\007link\\033]8;;\\007\\n"',
  'i=0; trap "exit 0" TERM; while true; do echo "tick $i"; i=$((i+1)); sleep 0.3; done',
].join('; ');

beforeAll(async () => {
  session = await startAppSession({ width: 1280, height: 900 });
  ({ page, browser } = session);
  await docker(session.engine, 'run', '-d', '--name', 'chatty', busyboxImage, 'sh', '-c', chatty);
  await docker(session.engine, 'run', '--name', 'done', busyboxImage, 'sh', '-c',
    'for i in $(seq 1 1000); do echo "row $i"; done'); // prettier-ignore
});

afterAll(async () => {
  await stopAppSession(session ?? { browser });
});

const log = () => page.getByRole('log', { name: 'Logs' });
const lines = () => log().getByRole('grid', { name: 'Log lines' });
const line = (text: string | RegExp) => lines().getByRole('row', { name: text });

async function openLogs(name: string): Promise<void> {
  await page.getByRole('link', { name: 'Containers', exact: true }).click();
  const row = page.getByRole('grid', { name: 'Containers' }).getByRole('row', { name });
  await row.getByRole('button', { name: 'Logs', exact: true }).click();
  await page.getByRole('tab', { name: 'Logs', selected: true }).waitFor();
}

describe('the Logs tab', () => {
  it('opens from the row on the last lines, then follows new ones', async () => {
    await openLogs('chatty');
    await line('tick 0').waitFor({ timeout: 30_000 });
    expect(await log().getByRole('checkbox', { name: 'Follow' }).isChecked()).toBe(true);
    // The first page is the tail: line 1 is not there, the grid knows its size.
    expect(Number(await lines().getAttribute('aria-rowcount'))).toBeLessThan(300);
    const before = await lines().getByRole('row').last().textContent();
    await line(/^tick 1\d$/)
      .first()
      .waitFor({ timeout: 30_000 });
    expect(await lines().getByRole('row').last().textContent()).not.toBe(before);
  });

  it('searches with next and previous, off the page thread, and stops following', async () => {
    const search = log().getByRole('searchbox', { name: 'Search logs' });
    await search.fill('line 29');
    await log().getByText('of 10').waitFor();
    const current = lines().locator('[aria-current="true"]');
    await log().getByRole('button', { name: 'Next match' }).click();
    await expect.poll(() => current.textContent()).toBe('line 290');
    expect(await log().getByRole('checkbox', { name: 'Follow' }).isChecked()).toBe(false);
    await log().getByRole('button', { name: 'Next match' }).click();
    await expect.poll(() => current.textContent()).toBe('line 291');
    await log().getByRole('button', { name: 'Previous match' }).click();
    await log().getByRole('button', { name: 'Previous match' }).click();
    await expect.poll(() => current.textContent()).toBe('line 299');
    expect(await current.locator('mark').first().textContent()).toBe('line 29');
  });

  it('keeps HTML as text, colours as styles, stderr apart, and OSC 52/8 inert', async () => {
    const search = log().getByRole('searchbox', { name: 'Search logs' });
    await search.fill('onerror');
    await expect.poll(() => log().locator('.log-toolbar').textContent()).toContain('– of 1');
    await log().getByRole('button', { name: 'Next match' }).click();
    await line('<b>bold?</b><img src=x onerror=alert(1)>').waitFor();
    expect(await lines().locator('img, b').count()).toBe(0);

    await search.fill('red text');
    await expect.poll(() => log().locator('.log-toolbar').textContent()).toContain('– of 1');
    await log().getByRole('button', { name: 'Next match' }).click();
    const red = lines().locator('[aria-current="true"] mark');
    await expect.poll(() => red.textContent()).toBe('red text');
    expect(
      await red.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).color),
    ).toBe('rgb(205, 49, 49)');

    await search.fill('oops');
    await expect.poll(() => log().locator('.log-toolbar').textContent()).toContain('– of 1');
    await log().getByRole('button', { name: 'Next match' }).click();
    await expect
      .poll(() => lines().locator('[aria-current="true"]').getAttribute('class'))
      .toContain('log-stderr');

    await search.fill('clip');
    await expect.poll(() => log().locator('.log-toolbar').textContent()).toContain('– of 1');
    await log().getByRole('button', { name: 'Next match' }).click();
    await expect
      .poll(() => lines().locator('[aria-current="true"]').textContent())
      .toBe('cliplink');
    expect(await lines().locator('a').count()).toBe(0);
  });

  it('shows the engine timestamps when asked', async () => {
    await log().getByRole('checkbox', { name: 'Timestamps' }).check();
    await expect
      .poll(() => lines().getByRole('row').first().textContent())
      .toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z/);
    await log().getByRole('checkbox', { name: 'Timestamps' }).uncheck();
  });

  it('loads older lines when scrolled to the top, down to the log start', async () => {
    await openLogs('done');
    await line('row 1000').waitFor({ timeout: 30_000 });
    expect(await lines().getAttribute('aria-rowcount')).toBe('200');
    await lines().evaluate((el) => (el.scrollTop = 0));
    await expect
      .poll(() => lines().getAttribute('aria-rowcount'), { timeout: 30_000 })
      .toBe('1000');
    await log().getByText('This is the start of the log.').waitFor();
    await lines().evaluate((el) => (el.scrollTop = 0));
    await line(/^row 1$/).waitFor();
  });

  it('copies the lines selected across screens, as docker logs prints them', async () => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    const clipboard = () => page.evaluate<string>('navigator.clipboard.readText()');
    const copy = log().getByRole('button', { name: 'Copy lines' });
    expect(await copy.isDisabled()).toBe(true);
    await line(/^row 10$/).click();
    expect(await line(/^row 10$/).getAttribute('aria-selected')).toBe('true');
    // Over 100 rows further down: row 10 has left the DOM.
    await lines().evaluate((el) => (el.scrollTop += 2000));
    await line(/^row 125$/).click({ modifiers: ['Shift'] });
    expect(await line(/^row 10$/).count()).toBe(0);
    await lines().press('Shift+ArrowDown');
    await lines().press('Shift+ArrowDown');
    await expect.poll(() => line(/^row 127$/).getAttribute('aria-selected')).toBe('true');
    expect(await line(/^row 128$/).getAttribute('aria-selected')).toBe('false');
    const all = (await docker(session.engine, 'logs', 'done')).split('\n');
    const expected = `${all.slice(9, 127).join('\n')}\n`;
    await copy.click();
    await log().getByRole('status', { name: 'Copy lines' }).getByText('Copied 118 lines').waitFor();
    expect(await clipboard()).toBe(expected);

    // Ctrl+C copies the same; a text selection made in the rows stays the browser's own.
    await page.evaluate('navigator.clipboard.writeText("")');
    await lines().press('ControlOrMeta+c');
    await expect.poll(clipboard).toBe(expected);
    await line(/^row 120$/)
      .locator('.log-text')
      .selectText();
    await lines().press('ControlOrMeta+c');
    await expect.poll(clipboard).toBe('row 120');
    await lines().press('Escape');
    expect(await copy.isDisabled()).toBe(true);
  });

  it('downloads the whole log, byte for byte what docker logs prints', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      log().getByRole('button', { name: 'Download log' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.log$/);
    const saved = await readFile((await download.path())!, 'utf8');
    expect(saved).toBe(await docker(session.engine, 'logs', 'done'));
  });

  it('shows a docker logs command that prints the same lines', async () => {
    await log().getByRole('button', { name: 'Show command' }).click();
    const shown = (await page.getByLabel('docker command').textContent())!;
    expect(shown).toMatch(/^docker --context berth-[0-9a-f]{6} logs -f --tail 200 done$/);
    const { stdout } = await sh('sh', ['-c', shown], {
      env: { ...process.env, DOCKER_CONFIG: dockerConfigDir(session.dataDir) },
    });
    expect(stdout.trim().split('\n')).toHaveLength(200);
    expect(stdout.trim().split('\n').at(-1)).toBe('row 1000');
  });

  it('says so when the container is removed while its page is open', async () => {
    await docker(session.engine, 'rm', '-f', 'done');
    await page.getByRole('alert').filter({ hasText: 'This container is gone' }).waitFor();
  });
});
