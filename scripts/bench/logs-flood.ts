// The Logs tab following a container that prints fixed-length lines as fast
// as it can (`yes LINE`), next to `docker logs -f` following the same container
// over the same 10 s: bytes per second that reached the page (the grid's row
// count plus the older lines the view says it dropped, times the line's
// length) and that reached the CLI's stdout. Meanwhile the Timestamps checkbox
// is clicked again and again, timed in the page from the click to the rows
// showing (or hiding) their timestamps, and both processes' memory is sampled.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { HIGH_WATERMARK } from '../../electron/contract/flow-control.ts';
import { dockerCli, waitInPage } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

const NAME = 'bench-logs-flood';
const LOG = `[role="log"][aria-label="Logs"]`;
const GRID = `${LOG} [role="grid"][aria-label="Log lines"]`;
/** 99 characters and the newline: 100 bytes a line. */
const LINE = `flood ${'x'.repeat(93)}`;
const LINE_BYTES = LINE.length + 1;
const FLOOD_MS = 10_000;
const CLICK_GAP_MS = 250;
const MB = 1e6;

const pct = (share: number) => `${(share * 100).toFixed(0)}%`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lines that reached the page: those in the grid and those it says it dropped. */
const pageLines = `(() => {
  const rows = Number(document.querySelector('${GRID}')?.getAttribute('aria-rowcount') ?? 0);
  const note = [...document.querySelectorAll('${LOG} [role="note"]')].map((n) => n.textContent).join(' ');
  const dropped = /([0-9,]+) older lines were dropped/.exec(note);
  return rows + (dropped ? Number(dropped[1].replaceAll(',', '')) : 0);
})()`;

/** The page's own cap, as it tells the user. */
const pageCap = `/keeps the latest ([0-9,]+) lines/.exec(document.querySelector('${LOG}')?.textContent ?? '')?.[1] ?? 'unknown'`;

/** From the next click on Timestamps (its event's time) to the frame where every row shows the new state. */
const armClick = `window.__benchDone = new Promise((resolve) => {
  const grid = document.querySelector('${GRID}');
  const box = [...document.querySelectorAll('${LOG} label')].find((l) => l.textContent.trim() === 'Timestamps').querySelector('input');
  const want = !box.checked;
  let t0 = 0;
  const check = () => {
    if (!t0) return;
    const rows = grid.querySelectorAll('[role="row"]');
    if (rows.length === 0 || ![...rows].every((r) => !!r.querySelector('.log-ts') === want)) return;
    obs.disconnect();
    clearTimeout(timer);
    requestAnimationFrame(() => resolve(performance.now() - t0));
  };
  box.addEventListener('click', (e) => { t0 = e.timeStamp; queueMicrotask(check); }, { capture: true, once: true });
  const obs = new MutationObserver(check);
  obs.observe(grid, { subtree: true, childList: true });
  const timer = setTimeout(() => { obs.disconnect(); resolve('timed out; clicked: ' + (t0 > 0)); }, 30000);
});
0`;

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

/** CPU time a process used so far (user and system). */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // USER_HZ is 100 on Linux
}

async function cliTailMs(endpoint: string): Promise<number> {
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('docker', ['-H', endpoint, 'logs', '-t', '--tail', '200', NAME], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`logs: ${code}`))));
  });
  return performance.now() - start;
}

export async function measureLogFlood(
  page: Page,
  endpoint: string,
  image: string,
  serverPid: number,
): Promise<BenchRow[]> {
  await dockerCli(endpoint, 'rm', '-f', NAME).catch(() => '');
  await page.evaluate(`location.hash = '#/containers'`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name: string) => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === name)!.value;
  };
  const heapMb = async () => (await metric('JSHeapUsedSize')) / 1024 / 1024;
  const before = { rss: await rssMb(serverPid), heap: await heapMb() };
  let cli: ReturnType<typeof spawn> | undefined;
  try {
    await dockerCli(endpoint, 'run', '-d', '--name', NAME, image, 'yes', LINE);
    await waitInPage(
      page,
      `document.querySelector('[role="grid"][aria-label="Containers"]')?.textContent.includes('${NAME}')`,
      30_000,
    );

    // Both start now: the view opens (its tail, then following), and the CLI does the same.
    let cliBytes = 0;
    cli = spawn('docker', ['-H', endpoint, 'logs', '-f', '--tail', '200', NAME], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    cli.stdout!.on('data', (chunk: Buffer) => (cliBytes += chunk.length));
    const t0 = performance.now();
    const busyAtStart = { server: await cpuMs(serverPid), page: await metric('TaskDuration') };
    await page.evaluate(`location.hash = '#/containers/${NAME}/logs'`);
    const peak = { rss: 0, heap: 0 };
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peak.rss = Math.max(peak.rss, await rssMb(serverPid));
        peak.heap = Math.max(peak.heap, await heapMb());
        await sleep(500);
      }
    })();

    const clicks: number[] = [];
    const box = page.locator(LOG).getByRole('checkbox', { name: 'Timestamps' });
    await waitInPage(page, `${pageLines} > 0`, FLOOD_MS);
    while (performance.now() - t0 < FLOOD_MS - 1000) {
      await page.evaluate(armClick);
      await box.click();
      const result = await page.evaluate('window.__benchDone');
      if (typeof result !== 'number') throw new Error(`A click went unanswered: ${String(result)}`);
      clicks.push(result);
      await sleep(CLICK_GAP_MS);
    }
    await sleep(Math.max(0, FLOOD_MS - (performance.now() - t0)));
    const cliAtEnd = cliBytes;
    const elapsed = performance.now() - t0;
    const linesAtEnd = (await page.evaluate(pageLines)) as number;
    const busy = {
      server: ((await cpuMs(serverPid)) - busyAtStart.server) / elapsed,
      page: ((await metric('TaskDuration')) - busyAtStart.page) / (elapsed / 1000),
    };
    cli.kill('SIGKILL');
    sampling = false;
    await sampler;
    const cap = await page.evaluate(pageCap);

    // The CLI's answer to the same question as the click (timestamps on the last lines), still flooding.
    const cliClicks: number[] = [];
    for (let i = 0; i < clicks.length; i++) cliClicks.push(await cliTailMs(endpoint));

    const pageMBs = (linesAtEnd * LINE_BYTES) / MB / (elapsed / 1000);
    const cliMBs = cliAtEnd / MB / (elapsed / 1000);
    return [
      {
        scenario: `logs flood: ${(elapsed / 1000).toFixed(0)} s of \`yes\`, ms per MB reaching the page`,
        statistic: 'one run',
        berthMs: 1000 / pageMBs,
        cliMs: 1000 / cliMBs,
        cliLabel: 'docker logs -f --tail 200 NAME, same container, same time',
        note:
          `goal: at least 0.8x the CLI (ratio <= 1.25); ${pageMBs.toFixed(1)} MB/s into the page ` +
          `(${linesAtEnd.toLocaleString('en')} lines of ${LINE_BYTES} B), ${cliMBs.toFixed(1)} MB/s to the CLI; ` +
          `busy: server ${pct(busy.server)} of a core, page main thread ${pct(busy.page)}. ` +
          `Memory, before -> peak: server RSS ${before.rss.toFixed(0)} -> ${peak.rss.toFixed(0)} MB ` +
          `(it holds at most ${HIGH_WATERMARK.toLocaleString('en')} B unacked per stream, the engine paused beyond); ` +
          `page JS heap ${before.heap.toFixed(0)} -> ${peak.heap.toFixed(0)} MB (its ring keeps ${String(cap)} lines)`,
      },
      ...summarize(
        'logs flood: click Timestamps -> rows redrawn',
        clicks,
        cliClicks,
        'docker logs -t --tail 200 NAME, while it floods',
        `goal: within 100 ms throughout; max ${Math.max(...clicks).toFixed(0)} ms over ${clicks.length} clicks, timed from the click event`,
      ),
    ];
  } finally {
    cli?.kill('SIGKILL');
    await page.evaluate(`location.hash = '#/containers'`);
    await cdp.detach().catch(() => undefined);
    await dockerCli(endpoint, 'rm', '-f', NAME).catch(() => '');
  }
}
