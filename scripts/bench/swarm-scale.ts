// A service scaled from 0 to 100 replicas on a real 3-node swarm (engines as
// separate hosts in network namespaces, test/helpers/swarm-cluster.ts): from
// the click on the Swarm page's Scale (in Chromium, through the browser face
// shown the manager) to the page's Tasks grid counting 100 tasks running,
// next to `docker service scale --detach` and `docker service ps` polled
// every 100 ms until it reports the same. Same swarm, same run, the two
// alternating which goes first; scaled back to 0 (and seen so) between runs.
// Goal (issue 15): Berth at most 1.1x the CLI plus the page's 1 s task refresh.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../test/helpers/browser.ts';
import { nodeDocker, type EngineNode } from '../../test/helpers/netns-nodes.ts';
import { startSwarm } from '../../test/helpers/swarm-cluster.ts';
import { LOOP } from '../../test/helpers/swarm-suite.ts';
import { busyboxImage } from '../../test/helpers/busybox-image.ts';
import { startWebApp } from '../../test/helpers/web-app.ts';
import { waitInPage } from './cli.ts';
import { summarize, type BenchRow } from './stats.ts';

const SERVICE = 'bench-scale';
/** How long 100 tasks may take to start on these 2 cores with Chromium and the app beside. */
const CONVERGE_MS = 5 * 60_000;
const CLI_POLL_MS = 100;
const TASK_REFRESH_MS = 1000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `docker service ps`'s tasks meant to run that run. */
async function runningTasks(manager: EngineNode): Promise<number> {
  const out = await nodeDocker(
    manager,
    'service',
    'ps',
    SERVICE,
    '--filter',
    'desired-state=running',
    '--format',
    '{{.CurrentState}}',
  );
  return out.split('\n').filter((l) => l.startsWith('Running')).length;
}

async function cliUntil(manager: EngineNode, want: number): Promise<void> {
  const deadline = Date.now() + CONVERGE_MS;
  while ((await runningTasks(manager)) !== want) {
    if (Date.now() > deadline) throw new Error(`docker service ps never showed ${want} running`);
    await sleep(CLI_POLL_MS);
  }
}

/** The page's task counts (TasksGrid) read `N running of N wanted`. */
const pageShows = (n: number) =>
  `document.querySelector('[aria-label="Task counts"]')?.textContent?.startsWith('${n} running of ${n} wanted')`;

export async function measureSwarmScale(replicas: number, runs: number): Promise<BenchRow[]> {
  const cluster = await startSwarm(3);
  const manager = cluster.manager;
  const dataDir = await mkdtemp(join(tmpdir(), 'berth-bench-swarm-'));
  const app = await startWebApp({ dataDir, engine: manager.host });
  const browser = await launchChromium();
  const berth: number[] = [];
  const cli: number[] = [];
  try {
    await nodeDocker(
      manager,
      'service',
      'create',
      '--detach',
      '--name',
      SERVICE,
      '--replicas',
      '0',
      busyboxImage,
      ...LOOP,
    );
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(`${app.urlWithToken}#/swarm`);
    const main = page.getByRole('main', { name: 'Swarm' });
    const row = main
      .getByRole('grid', { name: 'Swarm services' })
      .getByRole('row', { name: new RegExp(`^${SERVICE}, `) });
    await row.waitFor({ timeout: 60_000 });
    await main.getByLabel('Tasks of').selectOption(SERVICE);
    await waitInPage(page, pageShows(0), 60_000);

    const viaBerth = async () => {
      await row.getByRole('button', { name: 'Scale', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: `Scale ${SERVICE}` });
      await dialog.getByLabel('Replicas', { exact: true }).fill(String(replicas));
      const scale = dialog.getByRole('button', { name: 'Scale', exact: true });
      const start = performance.now();
      await scale.click();
      await waitInPage(page, pageShows(replicas), CONVERGE_MS);
      berth.push(performance.now() - start);
    };
    const viaCli = async () => {
      const start = performance.now();
      await nodeDocker(manager, 'service', 'scale', '--detach', `${SERVICE}=${replicas}`);
      await cliUntil(manager, replicas);
      cli.push(performance.now() - start);
    };
    const back = async () => {
      await nodeDocker(manager, 'service', 'scale', '--detach', `${SERVICE}=0`);
      await cliUntil(manager, 0);
      await waitInPage(page, pageShows(0), CONVERGE_MS);
    };
    for (let i = 0; i < runs; i++) {
      for (const measure of i % 2 === 0 ? [viaBerth, viaCli] : [viaCli, viaBerth]) {
        await measure();
        await back();
      }
      console.log(
        `  run ${i + 1}: Berth ${Math.round(berth.at(-1)!)} ms, CLI ${Math.round(cli.at(-1)!)} ms`,
      );
    }
  } finally {
    await browser.close();
    await app.stop();
    await cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const rows = summarize(
    `scale a service 0 -> ${replicas} on 3 swarm nodes (click -> page shows all running)`,
    berth,
    cli,
    'service scale --detach, then service ps every 100 ms',
  );
  for (const row of rows) {
    const goal = 1.1 * row.cliMs + TASK_REFRESH_MS;
    row.note = `goal: at most 1.1x the CLI plus the 1 s task refresh (${Math.round(goal)} ms here): ${row.berthMs <= goal ? 'met' : 'NOT met'}; ratio ${(row.berthMs / row.cliMs).toFixed(2)}`;
  }
  return rows;
}
