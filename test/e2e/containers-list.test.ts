// The Containers grid at scale and by keyboard: virtualised (the DOM holds only
// what is visible, the grid says its full size), sortable, and Compose projects
// grouped with group actions.
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { engineLayout } from '../../electron/engine/managed-layout.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS, testTimeout } from '../helpers/deadlines.ts';
import { docker } from '../helpers/managed-engine.ts';
import type { WebApp } from '../helpers/web-app.ts';
import { startAppSession, stopAppSession } from '../helpers/app-session.ts';

const MANY = 300;
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

const grid = () => page.getByRole('grid', { name: 'Containers' });

describe('the Containers grid', () => {
  it(`holds only the visible rows of ${MANY} containers, and says it has them all`, async () => {
    const client = new Docker({ socketPath: engineLayout(dataDir).socketPath });
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < MANY) {
          const i = next++;
          await client.createContainer({
            Image: busyboxImage,
            name: `many-${String(i).padStart(3, '0')}`,
            Cmd: ['true'],
          });
        }
      }),
    );
    await expect
      .poll(() => grid().getAttribute('aria-rowcount'), { timeout: FOLLOW_MS })
      .toBe(String(MANY + 1));
    const inDom = await grid().getByRole('row').count();
    expect(inDom).toBeLessThan(60);
    expect(await docker(engine, 'ps', '-aq')).toHaveLength(MANY * 13); // 12-char ids and newlines: the CLI agrees
  });

  it('moves by keyboard to the last row, scrolling it into view', async () => {
    await page.getByRole('button', { name: 'Name', exact: true }).click();
    await expect(
      page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort'),
    ).resolves.toBe('ascending');
    await grid()
      .getByRole('row', { name: /^many-000 / })
      .click();
    await page.keyboard.press('End');
    const last = grid().getByRole('row', { name: /^many-299 / });
    await expect.poll(() => last.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await last.getAttribute('aria-rowindex')).toBe(String(MANY + 1));
    await page.keyboard.press('Home');
    await expect
      .poll(() =>
        grid()
          .getByRole('row', { name: /^many-000 / })
          .evaluate((el) => el.matches(':focus')),
      )
      .toBe(true);

    await page.getByRole('button', { name: 'Name', exact: true }).click();
    await expect(
      page.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort'),
    ).resolves.toBe('descending');
    await docker(engine, 'container', 'prune', '-f');
    await expect.poll(() => grid().getAttribute('aria-rowcount'), { timeout: FOLLOW_MS }).toBe('1');
  });

  it('groups a Compose project, collapses it, and stops and starts it as one', async () => {
    for (const service of ['web', 'db']) {
      await docker(
        engine,
        'run',
        '-d',
        '--name',
        `shop-${service}-1`,
        '--label',
        'com.docker.compose.project=shop',
        busyboxImage,
        'sh',
        '-c',
        'trap "exit 0" TERM; while true; do sleep 1; done',
      );
    }
    const project = grid().getByRole('row', { name: /^Project shop 2 of 2 running/ });
    await project.waitFor({ timeout: FOLLOW_MS });
    await project.getByRole('button', { name: 'Collapse shop', exact: true }).click();
    await grid()
      .getByRole('row', { name: /^shop-web-1 / })
      .waitFor({ state: 'detached' });
    await project.getByRole('button', { name: 'Expand shop', exact: true }).click();
    await grid()
      .getByRole('row', { name: /^shop-web-1 / })
      .waitFor();

    await project.getByRole('button', { name: 'Stop project', exact: true }).click();
    await grid()
      .getByRole('row', { name: /^Project shop 0 of 2 running/ })
      .waitFor({ timeout: FOLLOW_MS });
    // The engine sends `die` as it stops a container; its own list may say so a moment later.
    await expect
      .poll(() => docker(engine, 'ps', '-q', '--filter', 'label=com.docker.compose.project=shop'), {
        timeout: 10_000,
      })
      .toBe('');
    await grid()
      .getByRole('row', { name: /^Project shop/ })
      .getByRole('button', { name: 'Start project', exact: true })
      .click();
    await grid()
      .getByRole('row', { name: /^Project shop 2 of 2 running/ })
      .waitFor({ timeout: FOLLOW_MS });

    await grid()
      .getByRole('row', { name: /^Project shop/ })
      .getByRole('button', { name: 'Remove project', exact: true })
      .click();
    await page
      .getByRole('dialog', { name: 'Remove project' })
      .getByRole('button', { name: 'Force remove 2 containers', exact: true })
      .click();
    await grid()
      .getByRole('row', { name: /^Project shop/ })
      .waitFor({ state: 'detached', timeout: FOLLOW_MS });
    expect(
      await docker(engine, 'ps', '-aq', '--filter', 'label=com.docker.compose.project=shop'),
    ).toBe('');
  });
});

describe('a selection', () => {
  it('stops, starts and removes the selected containers at once', async () => {
    for (const n of [1, 2, 3]) {
      await docker(
        engine,
        'run',
        '-d',
        '--name',
        `bulk-${n}`,
        busyboxImage,
        'sh',
        '-c',
        'trap "exit 0" TERM; sleep 3600 & wait',
      );
    }
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill('bulk-');
    await grid()
      .getByRole('row', { name: /^bulk-3 Up/ })
      .waitFor({ timeout: FOLLOW_MS });
    await page.getByRole('checkbox', { name: 'Select all', exact: true }).check();
    const bar = page.getByRole('toolbar', { name: 'Selected containers' });
    await bar.getByRole('button', { name: 'Stop selected', exact: true }).click();
    await expect
      .poll(async () => (await docker(engine, 'ps', '-q', '--filter', 'name=^bulk-')).trim(), {
        timeout: FOLLOW_MS,
      })
      .toBe('');

    await page.getByRole('checkbox', { name: 'Select all', exact: true }).uncheck();
    await page.getByRole('checkbox', { name: 'Select bulk-2', exact: true }).check();
    await bar.getByRole('button', { name: 'Start selected', exact: true }).click();
    await grid()
      .getByRole('row', { name: /^bulk-2 Up/ })
      .waitFor({ timeout: FOLLOW_MS });
    expect(
      (await docker(engine, 'ps', '--format', '{{.Names}}', '--filter', 'name=^bulk-')).trim(),
    ).toBe('bulk-2');

    await page.getByRole('checkbox', { name: 'Select all', exact: true }).check();
    await bar.getByRole('button', { name: 'Remove selected', exact: true }).click();
    await page
      .getByRole('dialog', { name: 'Remove containers' })
      .getByRole('button', { name: 'Force remove 3 containers', exact: true })
      .click();
    await expect
      .poll(async () => (await docker(engine, 'ps', '-aq', '--filter', 'name=^bulk-')).trim(), {
        timeout: FOLLOW_MS,
      })
      .toBe('');
    await bar.waitFor({ state: 'detached' });
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill('');
  });
});

describe('hostile text', () => {
  it('keeps RTL marks and 10,000-character strings as text that does not break the layout', async () => {
    const long = 'x'.repeat(10_000);
    await docker(
      engine,
      'create',
      '--name',
      `long-${'n'.repeat(200)}`,
      '--label',
      `note=\u202Eevil\u202C ${long}`,
      busyboxImage,
      'echo',
      `\u202E<script>alert(1)</script>${long}`,
    );
    const row = grid().getByRole('row', { name: /^long-n+ / });
    await row.waitFor({ timeout: FOLLOW_MS });
    const box = await row.boundingBox();
    expect(box?.height).toBe(44);
    expect(
      await page.evaluate(
        'document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth',
      ),
    ).toBe(true);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    await docker(engine, 'rm', `long-${'n'.repeat(200)}`);
  });
});

// 300 `docker` commands, 20 at a time, beside Chromium and the app: minutes on 2 busy cores.
const burstScriptMs = 10 * 60_000;

// The burst test's waits: its script, `docker ps` and `docker rm` (the CLI helper's 60 s each)
// and two on the page.
const burstTimeout = testTimeout(burstScriptMs, 60_000, FOLLOW_MS, FOLLOW_MS, 60_000);

describe('a burst of changes', { timeout: burstTimeout }, () => {
  it('ends exactly equal to docker ps -a after 200 containers are started and half removed by a script', async () => {
    const script = [
      'set -e',
      `H="${engine.endpoint}"`,
      `for i in $(seq 1 200); do docker -H "$H" run -d --name burst-$i ${busyboxImage} sleep 600 >/dev/null & if [ $((i % 20)) -eq 0 ]; then wait; fi; done; wait`,
      `for i in $(seq 1 2 200); do docker -H "$H" rm -f burst-$i >/dev/null & if [ $((i % 40)) -eq 39 ]; then wait; fi; done; wait`,
    ].join('\n');
    const { execFile } = await import('node:child_process');
    const started = performance.now();
    await new Promise<void>((resolve, reject) =>
      execFile('sh', ['-c', script], { timeout: burstScriptMs }, (err, _stdout, stderr) =>
        err
          ? reject(
              new Error(
                err.killed
                  ? `The script did not finish within ${burstScriptMs / 1000} s:\n${stderr}`
                  : `The script failed: ${err.message}`,
              ),
            )
          : resolve(),
      ),
    );
    const scriptSeconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(`burst: 200 docker run and 100 docker rm -f took ${scriptSeconds} s`);
    const truth = (await docker(engine, 'ps', '-a', '--format', '{{.Names}}'))
      .split('\n')
      .filter(Boolean)
      .sort();
    expect(truth).toHaveLength(100);
    await expect
      .poll(() => grid().getAttribute('aria-rowcount'), { timeout: FOLLOW_MS })
      .toBe(String(truth.length + 1));
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill('burst-2');
    // burst-2, burst-20..28 (even ones only), burst-200: every one the CLI lists, and no other.
    const expected = truth.filter((n) => n.startsWith('burst-2'));
    const shownNames = async () =>
      (
        await grid()
          .getByRole('row')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''))
      )
        .filter((label) => label.startsWith('burst-'))
        .map((label) => label.split(' ')[0])
        .sort();
    await expect.poll(shownNames, { timeout: FOLLOW_MS }).toEqual(expected);
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill('');
    const left = (await docker(engine, 'ps', '-aq')).split('\n').filter(Boolean);
    if (left.length) await docker(engine, 'rm', '-f', ...left);
  });

  it('opens a published web port in a new tab', async () => {
    const site = 'hello from a port link';
    await docker(
      engine,
      'run',
      '-d',
      '--name',
      'port-link',
      '-p',
      '127.0.0.1::80',
      busyboxImage,
      'sh',
      '-c',
      `mkdir -p /www && echo "${site}" > /www/index.html && httpd -f -p 80 -h /www`,
    );
    const hostPort = (await docker(engine, 'port', 'port-link', '80/tcp'))
      .trim()
      .split(':')
      .at(-1)!;
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill('port-link');
    const link = grid()
      .getByRole('row', { name: /^port-link / })
      .getByRole('link', { name: `${hostPort}:80/tcp`, exact: true });
    const [tab] = await Promise.all([page.context().waitForEvent('page'), link.click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(`http://127.0.0.1:${hostPort}/`);
    expect(await tab.locator('body').textContent()).toContain(site);
    await tab.close();
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill('');
  });
});
