// CPU and memory at a glance, next to `docker stats`: how long until the list
// shows a CPU figure, and what streaming the figures of 20 containers costs the
// Berth server in CPU time, against the CLI's own process doing the same.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { dockerCli, timed, waitInPage } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

const COST_CONTAINERS = 20;
const COST_WINDOW_MS = 10_000;
/** Both sides stream for this long before the window opens: start-up is not the steady cost. */
const WARM_UP_MS = 3_000;

/** User + system CPU time of a process so far, in ms (threads included), from /proc. */
async function cpuTimeMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces), from field 3 on.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** True in the page once the row of `name` shows a CPU figure. */
const cpuShown = (name: string) =>
  `[...document.querySelectorAll('[role="row"][aria-label]')].some((r) => r.getAttribute('aria-label').startsWith(${JSON.stringify(`${name} `)}) && r.querySelector('[role="gridcell"][aria-label^="CPU "]')?.getAttribute('aria-label').match(/^CPU \\d/))`;

/** Page load (the list opening) to the first CPU figure, vs `docker stats --no-stream`. */
export async function measureFirstCpu(
  page: Page,
  url: string,
  endpoint: string,
  image: string,
  runs: number,
): Promise<BenchRow[]> {
  await dockerCli(endpoint, 'run', '-d', '--name', 'bench-cpu', image, 'sleep', '3600');
  const berth: number[] = [];
  const cli: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const started = Date.now();
      await page.goto(url);
      await waitInPage(page, cpuShown('bench-cpu'), 30_000);
      berth.push(Date.now() - started);
      cli.push((await timed(() => dockerCli(endpoint, 'stats', '--no-stream', 'bench-cpu'))).ms);
    }
  } finally {
    await dockerCli(endpoint, 'rm', '-f', 'bench-cpu');
  }
  return summarize(
    'open the list -> first CPU figure',
    berth,
    cli,
    'docker stats --no-stream (one container)',
    'both wait for two engine samples (~1 s apart): CPU % is a difference between them',
  );
}

/** CPU time of the Berth server streaming 20 visible containers for 10 s, vs `docker stats` streaming them. */
export async function measureStatsCost(
  page: Page,
  url: string,
  endpoint: string,
  serverPid: number,
  image: string,
  rounds: number,
): Promise<BenchRow[]> {
  const names = Array.from({ length: COST_CONTAINERS }, (_, i) => `bench-cost-${i}`);
  for (const name of names)
    await dockerCli(endpoint, 'run', '-d', '--name', name, image, 'sleep', '3600');
  const berth: number[] = [];
  const cli: number[] = [];
  const viewport = page.viewportSize();
  try {
    // Tall enough that all 20 rows are on screen, so all 20 are streamed.
    await page.setViewportSize({ width: 1400, height: 1400 });
    await page.goto(url);
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill('bench-cost-');
    for (const name of names) await waitInPage(page, cpuShown(name), 30_000);
    for (let round = 0; round < rounds; round++) {
      await sleep(WARM_UP_MS);
      const before = await cpuTimeMs(serverPid);
      await sleep(COST_WINDOW_MS);
      berth.push((await cpuTimeMs(serverPid)) - before);

      const child = spawn('docker', ['-H', endpoint, 'stats', ...names], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      try {
        await sleep(WARM_UP_MS);
        const cliBefore = await cpuTimeMs(child.pid!);
        await sleep(COST_WINDOW_MS);
        cli.push((await cpuTimeMs(child.pid!)) - cliBefore);
      } finally {
        // `docker stats` (28.x) ignores SIGTERM and SIGINT when its output is not a terminal.
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
    }
  } finally {
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill('');
    if (viewport) await page.setViewportSize(viewport);
    await dockerCli(endpoint, 'rm', '-f', ...names);
  }
  return summarize(
    `stream stats of ${COST_CONTAINERS} containers for 10 s (CPU ms used)`,
    berth,
    cli,
    `docker stats ${COST_CONTAINERS} containers (its process)`,
    "Berth's figure is its whole server process (events, WebSocket, stats); the page's own CPU is not counted",
  );
}
