// CPU and memory at a glance, and the health badge, in the Containers grid;
// and proof that only the running rows on screen are streamed: the app prints
// each engine stats request it opens and closes (BERTH_TRACE_STATS=1), and the
// kernel's socket table shows the same connections held by the app.
import Docker from 'dockerode';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineLayout } from '../../electron/engine/managed-layout.ts';
import { startAppSession, stopAppSession, type AppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { connectionInodesTo, connectionsTo } from '../helpers/engine-sockets.ts';
import { ensureHealthImages, healthyImage, unhealthyImage } from '../helpers/health-images.ts';
import { docker } from '../helpers/managed-engine.ts';

let session: AppSession;
let page: Page;
let browser: Browser;

beforeAll(async () => {
  session = await startAppSession({ width: 1280, height: 800 }, { BERTH_TRACE_STATS: '1' });
  ({ page, browser } = session);
});

afterAll(async () => {
  await stopAppSession(session ?? { browser });
});

const grid = () => page.getByRole('grid', { name: 'Containers' });
const row = (name: RegExp) => grid().getByRole('row', { name });

/** The engine stats requests the app holds open now, from its own trace lines. */
function openStats(): Set<string> {
  const open = new Set<string>();
  for (const match of session.app.output().matchAll(/^\[stats\] (open|close) ([0-9a-f]+)$/gm)) {
    if (match[1] === 'open') open.add(match[2]!);
    else open.delete(match[2]!);
  }
  return open;
}

/** Full ids of the running containers whose rows are in the DOM now. */
async function renderedRunningIds(): Promise<Set<string>> {
  const names = await grid()
    .getByRole('row')
    .evaluateAll((rows) =>
      rows
        .filter((r) => r.querySelector('.badge-running'))
        .map((r) => r.querySelector('.cell.name')?.textContent ?? ''),
    );
  const ids = new Map(
    (await docker(session.engine, 'ps', '--no-trunc', '--format', '{{.Names}} {{.ID}}'))
      .trim()
      .split('\n')
      .map((l) => l.split(' ') as [string, string]),
  );
  return new Set(names.map((n) => ids.get(n)!));
}

const sorted = (s: Set<string>) => [...s].sort();

describe('CPU and memory in the Containers grid', () => {
  it("shows a busy container's CPU above zero and its memory against its limit", async () => {
    await docker(
      session.engine,
      'run',
      '-d',
      '--name',
      'busy',
      '-m',
      '64m',
      busyboxImage,
      'sh',
      '-c',
      'while :; do :; done',
    );
    await docker(session.engine, 'create', '--name', 'resting', busyboxImage, 'true');
    const busy = row(/^busy Up/);
    const cpu = busy.getByRole('gridcell', { name: /^CPU \d/ });
    await cpu.waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => parseFloat((await cpu.getAttribute('aria-label'))!.slice(4)), {
        timeout: 10_000,
      })
      .toBeGreaterThan(10);
    await expect
      .poll(() =>
        busy.getByRole('gridcell', { name: /^Memory [\d.]+ (B|KiB|MiB) \/ 64 MiB$/ }).count(),
      )
      .toBe(1);
    // A stopped container has no figures, only a dash.
    const resting = row(/^resting Created/);
    expect(await resting.getByRole('gridcell', { name: 'CPU: not running' }).textContent()).toBe(
      '—',
    );
    await docker(session.engine, 'rm', '-f', 'busy', 'resting');
  });

  it('shows a health check as healthy or unhealthy in the row', async () => {
    await ensureHealthImages(session.engine);
    await docker(session.engine, 'run', '-d', '--name', 'fine', healthyImage);
    await docker(session.engine, 'run', '-d', '--name', 'ailing', unhealthyImage);
    await row(/^fine Up .*, healthy$/).waitFor({ timeout: 20_000 });
    await row(/^ailing Up .*, unhealthy$/).waitFor({ timeout: 20_000 });
    await expect(
      row(/^fine /)
        .locator('.badge')
        .filter({ hasText: /^healthy$/ })
        .count(),
    ).resolves.toBe(1);
    await docker(session.engine, 'rm', '-f', 'fine', 'ailing');
  });

  it('streams only the running rows on screen among 300 containers, and nothing once the page is left', async () => {
    const client = new Docker({ socketPath: engineLayout(session.dataDir).socketPath });
    const MANY = 300;
    const running = (i: number) => i % 7 === 0; // 43 running, spread through the list
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < MANY) {
          const i = next++;
          const c = await client.createContainer({
            Image: busyboxImage,
            name: `many-${String(i).padStart(3, '0')}`,
            Cmd: running(i) ? ['sleep', '100000'] : ['true'],
          });
          if (running(i)) await c.start();
        }
      }),
    );
    await expect
      .poll(() => grid().getAttribute('aria-rowcount'), { timeout: 30_000 })
      .toBe(String(MANY + 1));
    await page.getByRole('button', { name: 'Name', exact: true }).click();
    await row(/^many-000 Up/).waitFor();

    /** Waits until the app streams exactly the running rows in the DOM; returns their ids. */
    const settled = async () => {
      let state = { rendered: [] as string[], streamed: [] as string[] };
      await expect
        .poll(
          async () => {
            state = { rendered: sorted(await renderedRunningIds()), streamed: sorted(openStats()) };
            return state.rendered.join() === state.streamed.join();
          },
          { timeout: 15_000 },
        )
        .toBe(true);
      return state.rendered;
    };
    const top = await settled();
    expect(top.length).toBeGreaterThan(0);
    expect(top.length).toBeLessThan(15); // of 43 running
    // The engine agrees: the app holds at least that many connections to it.
    const socket = engineLayout(session.dataDir).socketPath;
    const appConnections = () => connectionsTo(socket, session.app.process.pid!);
    expect(await appConnections()).toBeGreaterThanOrEqual(top.length);

    await row(/^many-000 /).click();
    await page.keyboard.press('End');
    await row(/^many-294 Up/).waitFor();
    const bottom = await settled();
    expect(bottom.length).toBeGreaterThan(0);
    expect(bottom.some((id) => top.includes(id))).toBe(false);
    // Which connections, not how many: the page left for may open its own meanwhile.
    const streaming = await connectionInodesTo(socket, session.app.process.pid!);

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Engine' })
      .click();
    await expect.poll(() => openStats().size, { timeout: 10_000 }).toBe(0);
    const closedSince = async () => {
      const now = await connectionInodesTo(socket, session.app.process.pid!);
      return [...streaming].filter((inode) => !now.has(inode)).length;
    };
    await expect.poll(closedSince, { timeout: 10_000 }).toBeGreaterThanOrEqual(bottom.length);
  });
});
