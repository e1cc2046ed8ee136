// The container page's Stats and Processes tabs in Chromium, by role and name:
// five charts described by their latest figures, a stream that lives only
// while the tab does (the app traces each engine stats request), and a process
// ended by a signal sent through the dialog, with `docker top` as the truth.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppSession, stopAppSession, type AppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { docker } from '../helpers/managed-engine.ts';

let session: AppSession;
let page: Page;
const cspViolations: string[] = [];

beforeAll(async () => {
  session = await startAppSession({ width: 1280, height: 1000 }, { BERTH_TRACE_STATS: '1' });
  page = session.page;
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
});

afterAll(async () => {
  await stopAppSession(session ?? {});
});

async function until(check: () => boolean | Promise<boolean>, ms = FOLLOW_MS): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Engine stats requests the app holds open now, from its trace lines. */
function openStats(): Set<string> {
  const open = new Set<string>();
  for (const match of session.app.output().matchAll(/^\[stats\] (open|close) ([0-9a-f]+)$/gm)) {
    if (match[1] === 'open') open.add(match[2]!);
    else open.delete(match[2]!);
  }
  return open;
}

/** `docker top` commands (its last column). */
async function cliCommands(name: string): Promise<string[]> {
  const out = await docker(session.engine, 'top', name, '-o', 'pid,args');
  return out
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.trim().replace(/^\d+\s+/, ''));
}

const describedBy = (name: string) =>
  page
    .getByRole('region', { name: 'Stats' })
    .getByRole('img', { name, exact: true })
    .evaluate(
      (el) =>
        el.ownerDocument.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent ??
        '',
    );

describe('Stats and Processes tabs', () => {
  let id = '';

  it('charts CPU, memory, network, block I/O and PIDs, streamed only while the tab shows', async () => {
    id = (
      await docker(
        session.engine,
        'run',
        '-d',
        '--name',
        'busy',
        busyboxImage,
        'sh',
        '-c',
        'sleep 100000 & sleep 200000',
      )
    ).trim();
    await page.getByRole('link', { name: 'Containers', exact: true }).click();
    await page
      .getByRole('grid', { name: 'Containers' })
      .getByRole('link', { name: 'Open busy', exact: true })
      .click();
    const main = page.getByRole('main', { name: 'busy' });
    await main.getByRole('tab', { name: 'Stats', exact: true }).click();
    const wanted: Record<string, RegExp> = {
      CPU: /^CPU: \d+\.\d %$/,
      Memory: /^Memory: [\d.]+ (B|KiB|MiB|GiB) \([\d.]+ %\)$/,
      Network: /^Network: [\d.]+ (B|KiB|MiB) received, [\d.]+ (B|KiB|MiB) sent$/,
      'Block I/O': /^Block I\/O: [\d.]+ (B|KiB|MiB) read, [\d.]+ (B|KiB|MiB) written$/,
      PIDs: /^PIDs: 2$/,
    };
    const seen: Record<string, string> = {};
    await until(async () => {
      for (const name of Object.keys(wanted)) seen[name] = await describedBy(name);
      return Object.entries(wanted).every(([name, re]) => re.test(seen[name]!));
    });
    // uPlot drew each one on a canvas, and nothing it did broke the page's CSP.
    expect(
      await page.getByRole('region', { name: 'Stats' }).locator('canvas').count(),
    ).toBeGreaterThanOrEqual(5);
    expect(cspViolations).toEqual([]);
    expect([...openStats()]).toEqual([id]);

    await main.getByRole('tab', { name: 'Processes', exact: true }).click();
    await until(() => openStats().size === 0);
  });

  it('lists the processes as docker top does and ends one with TERM through the dialog', async () => {
    const main = page.getByRole('main', { name: 'busy' });
    const table = main.getByRole('table', { name: 'Processes' });
    const row = table.getByRole('row').filter({ hasText: 'sleep 100000' });
    await row.waitFor({ timeout: FOLLOW_MS });
    const top = await docker(session.engine, 'top', 'busy', '-o', 'pid,args');
    const hostPid = /^\s*(\d+)\s+sleep 100000$/m.exec(top)?.[1];
    expect(hostPid).toMatch(/^\d+$/);
    expect(await row.getByRole('cell').first().textContent()).toBe(hostPid);

    await row.getByRole('button', { name: `Send signal to PID ${hostPid}`, exact: true }).click();
    const dialog = page.getByRole('dialog', { name: `Send a signal to PID ${hostPid}` });
    await dialog.getByLabel('Signal').selectOption('TERM');
    await dialog.getByRole('button', { name: 'Send', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.waitFor({ state: 'detached', timeout: FOLLOW_MS });
    expect(await cliCommands('busy')).toEqual(['sleep 200000']);

    // The command shown is the one that did it, with the PID inside the container.
    await main.getByRole('button', { name: 'Show command', exact: true }).click();
    const shown = await main.getByLabel('docker command').textContent();
    expect(shown).toMatch(
      /^docker (-H \S+|--context \S+) top busy -o 'pid,user,%cpu,%mem,args'\ndocker (-H \S+|--context \S+) exec busy kill -TERM \d+$/,
    );
  });
});
