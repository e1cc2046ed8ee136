// Words a beginner knows (issue 10, item 5): a labelled word's one-line
// explanation shows on hover and on keyboard focus, is the focused element's
// accessible description (so a screen reader reads it), and Escape hides it
// without closing the dialog around it. The labels' accessible names stay
// exactly as the UI contract says. One app session at 1280x800.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terms } from '../../renderer/glossary/terms.ts';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { docker } from '../helpers/managed-engine.ts';
import type { WebApp } from '../helpers/web-app.ts';

/** A folder to write screenshots to, to look at what the tooltips look like. */
const shots = process.env.BERTH_E2E_SHOTS;
let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 800 }));
});

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

const tooltip = (sentence: string) => page.getByRole('tooltip').filter({ hasText: sentence });
const focused = (target: Locator) => target.evaluate((el) => el === el.ownerDocument.activeElement);

/** The focused element's description, as aria-describedby resolves it (hidden targets included). */
const focusedDescription = () =>
  page.locator(':focus').evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter(Boolean)
      .map((id: string) => el.ownerDocument.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

describe('the glossary', () => {
  it('explains a column header on hover and on arrow-key focus, its name unchanged', async () => {
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    const header = page.getByRole('columnheader', { name: 'Image', exact: true });
    expect(await header.count()).toBe(1);
    await expect.poll(() => tooltip(terms.image).isVisible()).toBe(false);

    await header.getByText('Image', { exact: true }).hover();
    await tooltip(terms.image).waitFor({ state: 'visible', timeout: FOLLOW_MS });
    // The tooltip may be hovered without closing (WCAG 1.4.13), and goes when the pointer leaves.
    if (shots) await page.screenshot({ path: `${shots}/glossary-header.png` });
    await tooltip(terms.image).hover();
    expect(await tooltip(terms.image).isVisible()).toBe(true);
    await page.mouse.move(1200, 780);
    await tooltip(terms.image).waitFor({ state: 'hidden', timeout: FOLLOW_MS });

    // Keyboard: the grid stays one tab stop; arrows reach the header's sort button.
    await page.getByRole('button', { name: 'New container', exact: true }).focus();
    await page.keyboard.press('Tab');
    const imageSort = header.getByRole('button', { name: 'Image', exact: true });
    for (let i = 0; i < 4 && !(await focused(imageSort)); i++)
      await page.keyboard.press('ArrowRight');
    expect(await focused(imageSort)).toBe(true);
    await tooltip(terms.image).waitFor({ state: 'visible', timeout: FOLLOW_MS });
    expect(await focusedDescription()).toBe(terms.image);
    await page.keyboard.press('Escape');
    await tooltip(terms.image).waitFor({ state: 'hidden', timeout: FOLLOW_MS });
    // The first Escape only closed the tooltip; the next one leaves the button for the row.
    expect(await focused(imageSort)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await page.locator(':focus').getAttribute('role')).toBe('row');

    // A dialog opened with Enter focuses its first field without a tooltip, so one Escape closes it.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New container' });
    await dialog.waitFor();
    expect(await focused(dialog.getByLabel('Image', { exact: true }))).toBe(true);
    expect(await tooltip(terms.image).isVisible()).toBe(false);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: FOLLOW_MS });
  });

  it('announces a dialog field’s word when Tab reaches the field, and Escape hides it only', async () => {
    await page.getByRole('button', { name: 'New container', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'New container' });
    await dialog.waitFor();
    // Opened with the mouse: the autofocused Image field shows no tooltip.
    const image = dialog.getByLabel('Image', { exact: true });
    expect(await focused(image)).toBe(true);
    expect(await tooltip(terms.image).isVisible()).toBe(false);
    // The contract's names are the labels' words, not the explanations.
    expect(await dialog.getByRole('combobox', { name: 'Image', exact: true }).count()).toBe(1);
    const ports = dialog.getByRole('textbox', { name: 'Ports', exact: true });
    expect(await ports.count()).toBe(1);

    for (let i = 0; i < 4 && !(await focused(ports)); i++) await page.keyboard.press('Tab');
    expect(await focused(ports)).toBe(true);
    await tooltip(terms.port).waitFor({ state: 'visible', timeout: FOLLOW_MS });
    expect(await focusedDescription()).toContain(terms.port);
    // It sits by the label's word, inside the window.
    if (shots) await page.screenshot({ path: `${shots}/glossary-dialog.png` });
    const box = await tooltip(terms.port).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 1280 && box.y + box.height <= 800).toBe(true);

    await page.keyboard.press('Escape');
    await tooltip(terms.port).waitFor({ state: 'hidden', timeout: FOLLOW_MS });
    expect(await dialog.isVisible()).toBe(true);
    expect(await focused(ports)).toBe(true);
    // Still described for a screen reader after the tooltip is hidden.
    expect(await focusedDescription()).toContain(terms.port);

    await page.keyboard.press('Tab');
    expect(await tooltip(terms.port).isVisible()).toBe(false);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: FOLLOW_MS });
  });

  it('explains the sidebar’s sections and a stopped container’s exit code', async () => {
    const volumes = page.getByRole('link', { name: 'Volumes', exact: true });
    await volumes.hover();
    await tooltip(terms.volume).waitFor({ state: 'visible', timeout: FOLLOW_MS });
    if (shots) await page.screenshot({ path: `${shots}/glossary-nav.png` });
    await page.mouse.move(1200, 780);
    await tooltip(terms.volume).waitFor({ state: 'hidden', timeout: FOLLOW_MS });

    await docker(
      engine,
      'run',
      '--name',
      'glossary-exit',
      busyboxImage,
      'sh',
      '-c',
      'exit 3',
    ).catch(
      () => undefined, // the CLI exits 3 too: the container's own code, not a failure here
    );
    expect(
      (await docker(engine, 'inspect', '-f', '{{.State.ExitCode}}', 'glossary-exit')).trim(),
    ).toBe('3');
    await page
      .getByRole('grid', { name: 'Containers' })
      .getByRole('link', { name: 'Open glossary-exit', exact: true })
      .click({ timeout: FOLLOW_MS });
    const why = page.getByRole('main', { name: 'glossary-exit' }).getByRole('status', {
      name: 'Why it stopped',
    });
    await why.waitFor({ timeout: FOLLOW_MS });
    await why.getByText('exit code', { exact: true }).first().hover();
    await tooltip(terms.exitCode).waitFor({ state: 'visible', timeout: FOLLOW_MS });
    if (shots) await page.screenshot({ path: `${shots}/glossary-overview.png` });
  });

  it('explains what a Compose project is on its row', async () => {
    await docker(engine, 'run', '-d', '--name', 'shop-web-1', '--label', 'com.docker.compose.project=shop',
      '--label', 'com.docker.compose.service=web', busyboxImage, 'sleep', '600'); // prettier-ignore
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    const project = page
      .getByRole('grid', { name: 'Containers' })
      .getByRole('row', { name: /^Project shop / });
    await project.getByText('Compose project', { exact: true }).hover({ timeout: FOLLOW_MS });
    await tooltip(terms.composeProject).waitFor({ state: 'visible', timeout: FOLLOW_MS });
  });
});
