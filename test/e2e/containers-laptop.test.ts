// The Containers list on a 1280x800 laptop screen: nothing cut without its
// full text at hand, buttons inside their rows, rows that stay put, a stop
// that was asked for told apart from a failure, the keyboard alone, and a
// list that says when it shows only the last known state.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { engineLayout } from '../../electron/engine/managed-layout.ts';
import { startAppSession, stopAppSession, type AppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { ENGINE_MS, FOLLOW_MS, testTimeout } from '../helpers/deadlines.ts';
import { docker } from '../helpers/managed-engine.ts';

/** The little of the page's DOM these checks read (this project's tests have no DOM types). */
interface FocusedElement {
  getAttribute(name: string): string | null;
  closest(selector: string): unknown;
  textContent: string | null;
}
declare const document: { activeElement: FocusedElement | null };
declare function getComputedStyle(element: unknown): { overflow: string; color: string };
interface CutCandidate {
  tagName: string;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  closest(selector: string): { getAttribute(name: string): string | null } | null;
}

let session: AppSession;
let page: Page;
const shots = process.env.BERTH_E2E_SHOTS;

beforeAll(async () => {
  session = await startAppSession({ width: 1280, height: 800 });
  page = session.page;
  const run = (...args: string[]) => docker(session.engine, 'run', '-d', ...args);
  await run(
    '--name',
    'laptop-web-server-with-a-long-name',
    '-p',
    '127.0.0.1::8080',
    '-p',
    '127.0.0.1::8443',
    busyboxImage,
    'httpd',
    '-f',
    '-p',
    '8080',
  );
  // PID 1 with no handler for SIGTERM ignores it: a stop ends in SIGKILL (exit 137) after 3 s.
  await run('--name', 'laptop-stubborn', '--stop-timeout', '3', busyboxImage, 'sleep', '3600');
  await run('--name', 'laptop-failing', busyboxImage, 'sh', '-c', 'echo boom >&2; exit 3');
  await row('laptop-failing Exited \\(3\\)').waitFor({ timeout: FOLLOW_MS });
  await row('laptop-stubborn Up').waitFor({ timeout: FOLLOW_MS });
}, ENGINE_MS * 2);

afterAll(async () => {
  await stopAppSession(session ?? {});
});

const grid = () => page.getByRole('grid', { name: 'Containers' });
const row = (pattern: string) => grid().getByRole('row', { name: new RegExp(`^${pattern}`) });
/**
 * The texts under `root` that are cut (clipped and not scrollable to) with no
 * full form in their cell's or their own title or accessible name. Runs in the page.
 */
function cutTexts(root: { querySelectorAll(selector: string): Iterable<CutCandidate> }): string[] {
  const problems: string[] = [];
  for (const el of root.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    // Visible overflow shows everything; a scrolling box lets the user reach it.
    if (style.overflow === 'visible' || /auto|scroll/.test(style.overflow)) continue;
    if (['TEXTAREA', 'INPUT', 'SELECT'].includes(el.tagName)) continue;
    const clipped = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
    if (!clipped) continue;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const holder = el.closest('[role="gridcell"], [role="columnheader"], [title], [aria-label]');
    const full = `${holder?.getAttribute('title') ?? ''} ${holder?.getAttribute('aria-label') ?? ''}`;
    if (text && !full.includes(text)) problems.push(text);
  }
  return problems;
}

const focusedIn = (within: string) =>
  page.evaluate((selector) => document.activeElement?.closest(selector) !== null, within);
const focusedName = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
  });

describe(
  'the Containers list at 1280x800',
  { timeout: testTimeout(ENGINE_MS, FOLLOW_MS * 4) },
  () => {
    it('cuts no text of the list without its full form in a title or accessible name, at 1280 and 1440 px', async () => {
      for (const width of [1440, 1280]) {
        await page.setViewportSize({ width, height: 800 });
        if (shots) await page.screenshot({ path: `${shots}/list-${width}.png` });
        const cut = await grid().evaluate(cutTexts);
        expect(cut).toEqual([]);
        // An image, both ports and an age read whole at this size, not only on hover.
        const web = row('laptop-web-server-with-a-long-name');
        for (const cell of ['.cell.image', '.cell.ports', '.cell.created'])
          expect(
            await web
              .locator(cell)
              .evaluate(
                (el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight,
              ),
            `${cell} at ${width} px`,
          ).toBe(true);
      }
    });

    it('cuts no text of the New container dialog at 1280x800, with More options open', async () => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.getByRole('button', { name: 'New container' }).click();
      const dialog = page.getByRole('dialog', { name: 'New container' });
      await dialog.getByLabel('Image').fill(busyboxImage);
      await dialog.getByLabel('Name').fill('laptop-web-server-with-a-long-name');
      await dialog.getByText(/is taken by/).waitFor({ timeout: FOLLOW_MS });
      const more = dialog.getByRole('button', { name: 'More options' });
      if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
      if (shots) await page.screenshot({ path: `${shots}/dialog-1280.png` });
      expect(await dialog.evaluate(cutTexts)).toEqual([]);
      // Its buttons are on screen without scrolling.
      for (const name of ['Create and start', 'Cancel']) {
        const box = (await dialog.getByRole('button', { name, exact: true }).boundingBox())!;
        expect(box.y + box.height).toBeLessThanOrEqual(800);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    });

    it('keeps every row button inside its row, all reachable by name', async () => {
      const web = row('laptop-web-server-with-a-long-name Up');
      for (const name of ['Stop', 'Restart', 'Pause', 'Kill', 'Remove', 'Logs', 'Open terminal'])
        await expect(web.getByRole('button', { name, exact: true }).count()).resolves.toBe(1);
      const outside = await grid().evaluate((g) =>
        [...g.querySelectorAll('[role="row"] button')]
          .filter((b) => {
            const r = b.getBoundingClientRect();
            const cell = b
              .closest('[role="gridcell"], [role="columnheader"]')!
              .getBoundingClientRect();
            const rowBox = b.closest('[role="row"]')!.getBoundingClientRect();
            return r.right > cell.right + 0.5 || r.right > rowBox.right || r.bottom > rowBox.bottom;
          })
          .map((b) => b.getAttribute('aria-label') ?? b.textContent),
      );
      expect(outside).toEqual([]);
    });

    it('does not move the rows when the selection bar appears', async () => {
      const first = grid().getByRole('row').nth(1);
      const before = await first.boundingBox();
      await page.getByRole('checkbox', { name: 'Select laptop-failing', exact: true }).check();
      await page.getByRole('toolbar', { name: 'Selected containers' }).waitFor();
      expect((await first.boundingBox())?.y).toBe(before?.y);
      await page.getByRole('checkbox', { name: 'Select laptop-failing', exact: true }).uncheck();
      await page
        .getByRole('toolbar', { name: 'Selected containers' })
        .waitFor({ state: 'detached' });
    });

    it('shows a failure in red, and a container stopped on request in a neutral colour', async () => {
      const badge = (name: string) => row(name).locator('.badge').first();
      const colour = (name: string) => badge(name).evaluate((el) => getComputedStyle(el).color);
      const red = 'rgb(207, 34, 46)';
      expect(await colour('laptop-failing')).toBe(red);

      // Its own --stop-timeout of 3 s, which the countdown reads (a `-t` here would not be seen).
      const stopping = docker(session.engine, 'stop', 'laptop-stubborn');
      await row('laptop-stubborn Up.*then it will be killed in [1-3] s').waitFor({
        timeout: FOLLOW_MS,
      });
      await stopping;
      expect(
        (
          await docker(session.engine, 'inspect', '-f', '{{.State.ExitCode}}', 'laptop-stubborn')
        ).trim(),
      ).toBe('137');
      await row('laptop-stubborn Exited \\(137\\)').waitFor({ timeout: FOLLOW_MS });
      await expect.poll(() => colour('laptop-stubborn')).not.toBe(red);
      expect(await badge('laptop-stubborn').getAttribute('class')).toContain('tone-neutral');
      if (shots) await page.screenshot({ path: `${shots}/list-tones.png` });
    });

    it('is one tab stop: arrows move between rows and into a row, Tab goes past it', async () => {
      await page.getByRole('button', { name: 'New container', exact: true }).focus();
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('row');
      await page.keyboard.press('Home');
      const firstIndex = await page.evaluate(() =>
        Number(document.activeElement?.getAttribute('aria-rowindex')),
      );
      expect(firstIndex).toBe(2);
      await page.keyboard.press('ArrowDown');
      expect(
        await page.evaluate(() => Number(document.activeElement?.getAttribute('aria-rowindex'))),
      ).toBe(firstIndex + 1);
      await page.keyboard.press('ArrowRight');
      expect(await focusedName()).toMatch(/^Select /);
      await page.keyboard.press('ArrowRight');
      expect(await focusedName()).toMatch(/^Open /);
      // Escape goes back out to the row; Tab from it leaves the grid (its controls are no tab stops).
      await page.keyboard.press('Escape');
      expect(
        await page.evaluate(() => Number(document.activeElement?.getAttribute('aria-rowindex'))),
      ).toBe(firstIndex + 1);
      await page.keyboard.press('Tab');
      expect(await focusedIn('[role="grid"]')).toBe(false);
      // Shift+Tab from the row goes back to the control before the grid.
      await grid().getByRole('row').nth(firstIndex).focus();
      await page.keyboard.press('Shift+Tab');
      expect(await focusedName()).toBe('New container');
    });

    it('has a skip link to the main content', async () => {
      // The first Tab on a freshly loaded page.
      await page.reload();
      await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: ENGINE_MS });
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to main content' });
      expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
      const box = await skip.boundingBox();
      expect(box && box.y >= 0 && box.height > 0).toBe(true);
      await page.keyboard.press('Enter');
      expect(await focusedName()).toBe('Containers');
      await page.keyboard.press('Tab');
      expect(await focusedName()).toBe('Filter containers');
    });

    it('gives focus back to the Remove button when its dialog closes, and to a row after removing', async () => {
      await row('laptop-failing').focus();
      for (let i = 0; i < 8 && (await focusedName()) !== 'Remove'; i++)
        await page.keyboard.press('ArrowRight');
      expect(await focusedName()).toBe('Remove');
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: 'Remove container' });
      await dialog.waitFor();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await focusedName()).toBe('Remove');
      expect(await focusedIn('[role="row"][aria-label^="laptop-failing"]')).toBe(true);
      // The same for the New container dialog and its button.
      await page.getByRole('button', { name: 'New container', exact: true }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog', { name: 'New container' }).waitFor();
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: 'New container' }).waitFor({ state: 'detached' });
      expect(await focusedName()).toBe('New container');
      await row('laptop-failing').getByRole('button', { name: 'Remove', exact: true }).focus();

      await page.keyboard.press('Enter');
      await dialog.getByRole('button', { name: 'Remove container', exact: true }).click();
      await row('laptop-failing').waitFor({ state: 'detached', timeout: FOLLOW_MS });
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('role')))
        .toBe('row');
    });

    it('says it shows the last known state while the engine is down, then heals', async () => {
      const pid = Number((await readFile(engineLayout(session.dataDir).pidFile, 'utf8')).trim());
      process.kill(pid, 'SIGKILL');
      const notice = page.getByRole('status', { name: 'Last known state' });
      await notice.waitFor({ timeout: FOLLOW_MS });
      expect(await notice.textContent()).toMatch(/last known state/);
      if (shots) await page.screenshot({ path: `${shots}/list-stale.png` });
      const stubborn = row('laptop-stubborn');
      expect(await stubborn.getAttribute('aria-disabled')).toBe('true');
      expect(await stubborn.getByRole('button', { name: 'Start', exact: true }).isDisabled()).toBe(
        true,
      );

      await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: ENGINE_MS });
      await notice.waitFor({ state: 'detached', timeout: FOLLOW_MS });
      expect(await stubborn.getAttribute('aria-disabled')).toBeNull();
      expect(await stubborn.getByRole('button', { name: 'Start', exact: true }).isEnabled()).toBe(
        true,
      );
    });
  },
);
