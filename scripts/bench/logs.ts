// The Logs tab on a stopped container that printed N lines (10k, 100k, 1M),
// next to the docker CLI doing the same engine work: opening it (the view asks
// for the last 200 lines, as `docker logs --tail 200` does) and one older page
// on scroll-up (a time window, as `docker logs --since A --until B`: each one
// costs the engine a scan from the log's start). The page side is timed inside
// the page, from the navigation (or the scroll) to the frame that shows it.
import type { Page } from 'playwright-core';
import { spawn } from 'node:child_process';
import { unixOf, type LogLine } from '../../electron/contract/container-logs-channels.ts';
import { firstSpan, secondsBefore } from '../../renderer/components/logs/log-paging.ts';
import { dockerCli, timed, waitInPage } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

/** What the view asks for: its first read, and the lines an older page keeps. */
const TAIL = 200;
const OLDER_PAGE = 1000;
const GRID = `[role="log"][aria-label="Logs"] [role="grid"][aria-label="Log lines"]`;
const PREFIX = 'bench log line ';
const lineText = (i: number) => `${PREFIX}${i}`;

/** Resolves window.__benchDone with the ms from now to the frame after `ready` held. */
function armInPage(ready: string, act: string): string {
  return `window.__benchDone = new Promise((resolve) => {
    const t0 = performance.now();
    const check = () => {
      if (!(${ready})) return false;
      obs.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => resolve(performance.now() - t0));
      return true;
    };
    const obs = new MutationObserver(check);
    const timer = setTimeout(() => { obs.disconnect(); resolve('timed out; the grid had ' + document.querySelector('${GRID}')?.getAttribute('aria-rowcount') + ' rows'); }, 120000);
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    ${act};
  });
  0 // not the promise: evaluate would wait for it`;
}

async function armedMs(page: Page): Promise<number> {
  const result = await page.evaluate('window.__benchDone');
  if (typeof result !== 'number') throw new Error(`The page never got there: ${String(result)}`);
  return result;
}

/** The CLI's output into /dev/null, as a user would time it. */
async function cliToDevNull(endpoint: string, args: string[]): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('docker', ['-H', endpoint, ...args], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args}: ${code}`))));
  });
  return performance.now() - start;
}

/** A stopped container whose log is lines 1..n; answers how long making it took. */
async function makeLog(endpoint: string, image: string, name: string, n: number) {
  await dockerCli(endpoint, 'rm', '-f', name).catch(() => '');
  const made = await timed(async () => {
    const program = `BEGIN { for (i = 1; i <= ${n}; i++) print "${PREFIX}" i }`;
    await dockerCli(endpoint, 'run', '-d', '--name', name, image, 'awk', program);
    await dockerCli(endpoint, 'wait', name);
  });
  const last = (await dockerCli(endpoint, 'logs', '--tail', '1', name)).trim();
  if (last !== lineText(n)) throw new Error(`${name}'s log ends with "${last}", not line ${n}`);
  return made.ms;
}

/** The window the view asks for on its first scroll-up (log-controller.ts: loadOlder). */
async function firstOlderWindow(endpoint: string, name: string): Promise<string[]> {
  const out = await dockerCli(endpoint, 'logs', '-t', '--tail', String(TAIL), name);
  const lines: LogLine[] = out
    .split('\n')
    .filter(Boolean)
    .map((l) => ({ stream: 'stdout', ts: l.slice(0, l.indexOf(' ')), text: '' }));
  const oldest = lines[0]!.ts;
  const since = secondsBefore(oldest, firstSpan(lines, OLDER_PAGE));
  return ['--since', since, '--until', unixOf(oldest)];
}

async function leaveLogs(page: Page): Promise<void> {
  await page.evaluate(`location.hash = '#/containers'`);
  await waitInPage(page, `!document.querySelector('${GRID}')`, 30_000);
}

/** Opens the Logs tab and scrolls up once; the ms of each, timed in the page. */
async function openAndScroll(page: Page, name: string, n: number) {
  const lastShown = `[...document.querySelectorAll('${GRID} [role="row"] .log-text')].some((el) => el.textContent === '${lineText(n)}')`;
  await page.evaluate(armInPage(lastShown, `location.hash = '#/containers/${name}/logs'`));
  const openMs = await armedMs(page);
  // The log ended (the container stopped): the view says so once its stream is done.
  await waitInPage(
    page,
    `document.querySelector('${GRID}')?.getAttribute('aria-rowcount') === '${Math.min(n, TAIL)}'`,
    30_000,
  );
  const rowCount = `Number(document.querySelector('${GRID}').getAttribute('aria-rowcount'))`;
  await page.evaluate(
    armInPage(`${rowCount} > ${TAIL}`, `document.querySelector('${GRID}').scrollTop = 0`),
  );
  const olderMs = await armedMs(page);
  await leaveLogs(page);
  return { openMs, olderMs };
}

export async function measureLogs(
  page: Page,
  endpoint: string,
  image: string,
  sizes: number[],
  runs: number,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  await leaveLogs(page);
  for (const n of sizes) {
    const name = `bench-logs-${n}`;
    try {
      const madeMs = await makeLog(endpoint, image, name, n);
      const window = await firstOlderWindow(endpoint, name);
      const openCli = ['logs', '--tail', String(TAIL), name];
      const olderCli = ['logs', '-t', ...window, name];
      // One run each unrecorded: the first open loads the tab's code, the first read warms the engine.
      await openAndScroll(page, name, n);
      await cliToDevNull(endpoint, openCli);
      const open: number[] = [];
      const older: number[] = [];
      const cliOpen: number[] = [];
      const cliOlder: number[] = [];
      for (let i = 0; i < runs; i++) {
        const page1 = await openAndScroll(page, name, n);
        open.push(page1.openMs);
        older.push(page1.olderMs);
        cliOpen.push(await cliToDevNull(endpoint, openCli));
        cliOlder.push(await cliToDevNull(endpoint, olderCli));
      }
      const size = n.toLocaleString('en');
      rows.push(
        ...summarize(
          `logs: open on ${size} lines -> last line shown`,
          open,
          cliOpen,
          `docker logs --tail ${TAIL} NAME > /dev/null`,
          `goal: under 300 ms and independent of the log's length; the log took ${(madeMs / 1000).toFixed(1)} s to make (awk, json-file)`,
        ),
        ...summarize(
          `logs: scroll up on ${size} lines -> older page shown`,
          older,
          cliOlder,
          'docker logs -t --since A --until B NAME > /dev/null',
          `the view's first older window (${Number(window[3]) - Number(window[1])} s; it keeps the last ${OLDER_PAGE} lines of it); the engine scans the log from its start`,
        ),
      );
    } finally {
      await dockerCli(endpoint, 'rm', '-f', name).catch(() => '');
    }
  }
  return rows;
}
