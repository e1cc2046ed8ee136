// The image page's Layers tab through the browser face at laptop size, by
// role and name, with the docker CLI as the truth: one row per history step,
// newest first, each described by its command as `docker history --no-trunc`
// prints it; the base image marked; a long history virtualised; and the
// commands "Show command" gives, run through a real shell.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker } from '../helpers/managed-engine.ts';
import { dockerConfigDir, type WebApp } from '../helpers/web-app.ts';

const execFileAsync = promisify(execFile);

let dataDir: string;
let app: WebApp;
let browser: Browser;
let page: Page;
let engine: { endpoint: string };
let imageId: string;

/** A folder to write screenshots to (BERTH_E2E_SHOTS), to look at what the page showed. */
const shots = process.env.BERTH_E2E_SHOTS;
const TAG = 'berth-e2e/layers:v1.0_rc-1';
const SETTINGS = 40;

beforeAll(async () => {
  ({ dataDir, app, browser, page, engine } = await startAppSession({ width: 1280, height: 800 }));
  const dir = await mkdtemp(join(tmpdir(), 'berth-layers-e2e-'));
  await writeFile(join(dir, 'hello.txt'), 'hello\n');
  await writeFile(
    join(dir, 'Dockerfile'),
    [
      `FROM ${busyboxImage}`,
      'RUN echo "made\there" > /made.txt',
      'COPY hello.txt /dst/',
      'WORKDIR /work',
      // Enough steps that the grid holds only some of its rows.
      ...Array.from({ length: SETTINGS }, (_, i) => `ENV SETTING_${i}=${i}`),
      'CMD ["sh"]',
      '',
    ].join('\n'),
  );
  await docker(engine, 'build', '-q', '-t', TAG, dir);
  imageId = (await docker(engine, 'image', 'inspect', '-f', '{{.Id}}', TAG)).trim();
}, 180_000);

afterAll(async () => {
  await stopAppSession({ dataDir, app, browser, page, engine });
});

const grid = () => page.getByRole('grid', { name: 'Layers' });

/** The text of the element a row's aria-describedby names. */
async function descriptionOf(row: Locator): Promise<string> {
  const id = await row.getAttribute('aria-describedby');
  return (await page.locator(`[id="${id}"]`).textContent()) ?? '';
}

async function cliCreatedBy(): Promise<string[]> {
  const out = await docker(engine, 'history', '--no-trunc', '--format', '{{json .CreatedBy}}', TAG);
  return out
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as string);
}

describe('the Layers tab', () => {
  it("lists the history newest first, each row described by the CLI's text", async () => {
    // As a link to the image page would (the Images list gets one in its own change).
    await page.evaluate(`location.hash = ${JSON.stringify(`#/images/${imageId}`)}`);
    await page.getByRole('tab', { name: 'Layers', exact: true }).waitFor();
    await grid().waitFor({ timeout: 15_000 });
    const cli = await cliCreatedBy();
    expect(Number(await grid().getAttribute('aria-rowcount'))).toBe(cli.length + 1);

    const newest = grid().getByRole('row', { name: /^CMD \["sh"\], 0 B/ });
    expect(await newest.getAttribute('aria-rowindex')).toBe('2');
    expect(await descriptionOf(newest)).toBe(cli[0]);

    // A long history is virtualised: the page holds only the rows in view.
    expect(await grid().getByRole('row').count()).toBeLessThan(cli.length);
  });

  it('reaches the oldest steps by keyboard, the base image marked', async () => {
    await grid().getByRole('row').nth(1).focus();
    await page.keyboard.press('End');
    const oldest = grid().getByRole('row', {
      name: `base layer from ${busyboxImage}, comment: Imported from -`,
    });
    await oldest.waitFor({ timeout: 5_000 });
    // Focus follows the virtualiser's render of the row: wait for it, do not read it once.
    await expect
      .poll(() => oldest.evaluate((el) => el === el.ownerDocument.activeElement), {
        timeout: 10_000,
      })
      .toBe(true);
    const cli = await cliCreatedBy();
    expect(await oldest.getAttribute('aria-rowindex')).toBe(String(cli.length + 1));
    expect(await page.getByRole('region', { name: 'Step details' }).textContent()).toContain(
      '(no command recorded)',
    );

    const run = grid().getByRole('row', { name: /^RUN echo "made\s+here" > \/made.txt, 10 B/ });
    // The engine keeps the tab; docker history prints a space, and so does the description.
    expect(await descriptionOf(run)).toBe('/bin/sh -c echo "made here" > /made.txt');
    expect(cli).toContain(await descriptionOf(run));
    const copy = grid().getByRole('row', { name: /^COPY file:[0-9a-f]{12} \/dst\/, 6 B/ });
    expect(cli).toContain(await descriptionOf(copy));
    await page.keyboard.press('Home');
    await grid()
      .getByRole('row', { name: /^CMD \["sh"\]/ })
      .waitFor();
  });

  it('says which steps made layers once the archive is read', async () => {
    const env = grid().getByRole('row', { name: /^ENV SETTING_39=39/ });
    await expect
      .poll(async () => (await env.getAttribute('aria-label')) ?? '', { timeout: 60_000 })
      .toContain('metadata only, no layer');
    // A step of 0 bytes that made a layer all the same (sizes alone would say otherwise).
    await grid().getByRole('row').nth(1).focus();
    await page.keyboard.press('End');
    const workdir = grid().getByRole('row', { name: /^WORKDIR \/work, 0 B, layer 4 [0-9a-f]{12}/ });
    await workdir.waitFor({ timeout: 10_000 });
    // The layer named is the CLI's fourth RootFS layer.
    const layers: string[] = JSON.parse(
      await docker(engine, 'image', 'inspect', '-f', '{{json .RootFS.Layers}}', TAG),
    );
    expect(await workdir.getAttribute('aria-label')).toContain(layers[3]!.slice(7, 19));
  });

  it('shows docker history and docker image inspect, which give what the CLI gives', async () => {
    const main = page.getByRole('main', { name: new RegExp(TAG) });
    await main.getByRole('button', { name: 'Show command', exact: true }).click();
    const shown = (await main.getByLabel('docker command').textContent()) ?? '';
    const [historyLine, inspectLine] = shown.split('\n');
    expect(historyLine).toMatch(
      /^docker (-H \S+|--context \S+) history --no-trunc berth-e2e\/layers:v1.0_rc-1$/,
    );
    // The user's CLI, with the context the app made for its engine.
    const run = async (line: string) =>
      (
        await execFileAsync('sh', ['-c', line], {
          env: { ...process.env, DOCKER_CONFIG: dockerConfigDir(dataDir) },
        })
      ).stdout;
    // The CREATED column ages between two runs, and its width with it (the columns are padded).
    const ageless = (text: string) =>
      text
        .replace(/(Less than a second|About a minute|About an hour|\d+ \w+) ago/g, 'AGE')
        .replace(/ +/g, ' ');
    expect(ageless(await run(historyLine!))).toBe(
      ageless(await docker(engine, 'history', '--no-trunc', TAG)),
    );
    expect(JSON.parse(await run(inspectLine!))).toEqual(
      JSON.parse(await docker(engine, 'image', 'inspect', TAG)),
    );
    if (shots) await page.screenshot({ path: `${shots}/image-layers.png` });
  });
});
