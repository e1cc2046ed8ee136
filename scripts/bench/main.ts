// `npm run bench`: Berth next to the docker CLI on a real engine, in one run,
// as ratios. Needs what the tests need (root, dockerd, docker CLI, Chromium).
import { launchChromium } from '../../test/helpers/browser.ts';
import { busyboxImage, ensureBusyboxImage } from '../../test/helpers/busybox-image.ts';
import {
  cleanupEngineFolder,
  makeEngineDataDir,
  requireManagedEnginePrereqs,
} from '../../test/helpers/managed-engine.ts';
import { startWebApp } from '../../test/helpers/web-app.ts';
import { engineLayout, managedBridgeName } from '../../electron/engine/managed-layout.ts';
import { measureActions, measureFirstRender } from './actions.ts';
import { benchProblems, choiceProblems } from './bench-rule.ts';
import { timed, dockerCli } from './cli.ts';
import { measureFirstCpu, measureStatsCost } from './container-stats.ts';
import { measureEngineStart } from './engine-start.ts';
import { measureImageLayers } from './image-layers.ts';
import { measureBuild } from './image-build.ts';
import { measurePull } from './image-pull.ts';
import { measureImageSave } from './image-save.ts';
import { measureClickFeedback } from './click-feedback.ts';
import { measureDiskUsage } from './disk-usage.ts';
import { measurePush } from './image-push.ts';
import { createContainers, measureList, removeContainers } from './list-containers.ts';
import { createImages, measureImagesList, removeImages } from './list-images.ts';
import { measureLogs } from './logs.ts';
import { measureLogFlood } from './logs-flood.ts';
import { measureRecreate } from './recreate.ts';
import { benchResourceLists } from './resource-lists.ts';
import { measureRowLatency } from './row-latency.ts';
import { measureSwarmScale } from './swarm-scale.ts';
import { measureSshList } from './ssh-list.ts';
import { measureTerminals } from './terminals.ts';
import { measureVolumeExport } from './volume-export.ts';
import { measureVmStart } from './vm-start.ts';
import { ensureVmImage } from '../vm-image/ensure.ts';
import { printTable, type BenchRow } from './stats.ts';

const ROW_RUNS = Number(process.env.BENCH_ROW_RUNS ?? 50);
const LIST_SIZE = Number(process.env.BENCH_LIST_SIZE ?? 1000);
const LIST_RUNS = 20;
const IMAGES_SIZE = Number(process.env.BENCH_IMAGES_SIZE ?? 500);
const IMAGES_RUNS = Number(process.env.BENCH_IMAGES_RUNS ?? 10);
const START_RUNS = 5;
const VM_RUNS = Number(process.env.BENCH_VM_RUNS ?? 3);
const ACTION_ROUNDS = Number(process.env.BENCH_ACTION_ROUNDS ?? 10);
const RECREATE_RUNS = Number(process.env.BENCH_RECREATE_RUNS ?? 5);
const PULL_RUNS = Number(process.env.BENCH_PULL_RUNS ?? 7);
/** The pull and push image: busybox and one layer of random bytes, ~100 MB in all. */
const PULL_MB = Number(process.env.BENCH_PULL_MB ?? 100);
const PUSH_RUNS = Number(process.env.BENCH_PUSH_RUNS ?? 7);
const STATS_RUNS = Number(process.env.BENCH_STATS_RUNS ?? 10);
const STATS_COST_ROUNDS = Number(process.env.BENCH_STATS_COST_ROUNDS ?? 3);
/** `BENCH_ONLY=stats,pull` runs only those scenarios (all of them take minutes). */
const only = process.env.BENCH_ONLY?.split(',');
const TERMINAL_RUNS = Number(process.env.BENCH_TERMINAL_RUNS ?? 5);
/** Lines in the logs the Logs tab opens (`BENCH_LOGS_SIZES=10000,100000`). */
const LOGS_SIZES = (process.env.BENCH_LOGS_SIZES ?? '10000,100000,1000000').split(',').map(Number);
const LOGS_RUNS = Number(process.env.BENCH_LOGS_RUNS ?? 7);
const LAYERS_MB = Number(process.env.BENCH_LAYERS_MB ?? 300);
const LAYERS_RUNS = Number(process.env.BENCH_LAYERS_RUNS ?? 3);
const BUILD_RUNS = Number(process.env.BENCH_BUILD_RUNS ?? 5);
const SAVE_MB = Number(process.env.BENCH_SAVE_MB ?? 400);
const SAVE_RUNS = Number(process.env.BENCH_SAVE_RUNS ?? 5);
const CLICK_RUNS = Number(process.env.BENCH_CLICK_RUNS ?? 7);
const SWARM_RUNS = Number(process.env.BENCH_SWARM_RUNS ?? 2);
const SSH_LIST_SIZE = Number(process.env.BENCH_SSH_LIST_SIZE ?? 100);
const SSH_LIST_RUNS = Number(process.env.BENCH_SSH_LIST_RUNS ?? 10);
const scenarios = [
  'row',
  'actions',
  'recreate',
  'pull',
  'push',
  'stats',
  'terminals',
  'logs',
  'list',
  'images',
  'layers',
  'build',
  'save',
  'clicks',
  'disk',
  'volume-export',
  'resource-lists',
  'engine-start',
  'vm-start',
  'swarm-scale',
  'ssh-list',
] as const;
const chosen = scenarios.filter((s) => !only || only.includes(s));
const rows: BenchRow[] = [];
/** The rows each scenario that ran added, for the bench's rule (bench-rule.ts). */
const produced = new Map<string, BenchRow[]>();

/** Runs a scenario when chosen, saying which of how many it is. */
async function scenario(
  name: (typeof scenarios)[number],
  title: string,
  work: () => Promise<void>,
): Promise<void> {
  if (!chosen.includes(name)) return;
  console.log(`\n[${chosen.indexOf(name) + 1}/${chosen.length}] ${title}…`);
  const before = rows.length;
  await work();
  produced.set(name, rows.slice(before));
}

/** Says what breaks the bench's rule, and fails the run, when anything does. */
function failOn(problems: string[]): void {
  if (problems.length === 0) return;
  console.error(`\nThe benchmark broke its rule (every figure next to the CLI's):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}

async function main(): Promise<void> {
  failOn(choiceProblems(scenarios, only));
  const dockerd = await requireManagedEnginePrereqs();
  const dataDir = await makeEngineDataDir();
  const endpoint = `unix://${engineLayout(dataDir).socketPath}`;
  const app = await startWebApp({
    dataDir,
    env: { BERTH_MANAGED_IPTABLES: '0', BERTH_TRACE_LAYERS: '1' },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(app.urlWithToken);
    await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: 60_000 });
    await ensureBusyboxImage(endpoint);
    console.log(
      `Engine: Berth's managed dockerd at ${endpoint}; CLI: ${process.env.PATH?.includes('/usr/local/bin') ? 'the first docker on PATH' : 'docker'}`,
    );

    await scenario('row', `docker run -> row, ${ROW_RUNS} runs`, async () => {
      rows.push(...(await measureRowLatency(page, endpoint, busyboxImage, ROW_RUNS)));
    });
    await scenario('actions', `lifecycle actions, ${ACTION_ROUNDS} rounds`, async () => {
      rows.push(...(await measureActions(page, endpoint, busyboxImage, ACTION_ROUNDS)));
    });
    await scenario('recreate', `re-create a container, ${RECREATE_RUNS} runs`, async () => {
      rows.push(
        ...(await measureRecreate(app.url, app.token, endpoint, busyboxImage, RECREATE_RUNS)),
      );
    });
    await scenario(
      'pull',
      `pull of a ${PULL_MB} MB layer from a loopback registry, ${PULL_RUNS} runs`,
      async () => {
        rows.push(...(await measurePull(app.url, app.token, endpoint, PULL_RUNS, PULL_MB)));
      },
    );
    await scenario(
      'push',
      `push of a ${PULL_MB} MB layer to a fresh loopback registry, ${PUSH_RUNS} runs`,
      async () => {
        rows.push(...(await measurePush(app.url, app.token, endpoint, PUSH_RUNS, PULL_MB)));
      },
    );
    await scenario(
      'stats',
      `stats: first CPU figure ${STATS_RUNS} times, then ${STATS_COST_ROUNDS} × 10 s of streaming`,
      async () => {
        rows.push(...(await measureFirstCpu(page, app.url, endpoint, busyboxImage, STATS_RUNS)));
        rows.push(
          ...(await measureStatsCost(
            page,
            app.url,
            endpoint,
            app.process.pid!,
            busyboxImage,
            STATS_COST_ROUNDS,
          )),
        );
      },
    );
    await scenario('terminals', `terminals: cat, Ctrl-C, echo; ${TERMINAL_RUNS} runs`, async () => {
      rows.push(
        ...(await measureTerminals(
          page,
          endpoint,
          busyboxImage,
          TERMINAL_RUNS,
          Number(process.env.BENCH_TERMINAL_MB ?? 50),
        )),
      );
    });
    await scenario(
      'logs',
      `logs: open and scroll up at ${LOGS_SIZES.join(', ')} lines (${LOGS_RUNS} runs each), then 10 s of flood`,
      async () => {
        rows.push(...(await measureLogs(page, endpoint, busyboxImage, LOGS_SIZES, LOGS_RUNS)));
        rows.push(...(await measureLogFlood(page, endpoint, busyboxImage, app.process.pid!)));
      },
    );
    await scenario(
      'list',
      `creating ${LIST_SIZE} containers, then listing them ${LIST_RUNS} times`,
      async () => {
        await createContainers(endpoint, busyboxImage, LIST_SIZE);
        try {
          rows.push(...(await measureList(app.url, app.token, endpoint, LIST_SIZE, LIST_RUNS)));
          const render = await measureFirstRender(page, app.url, LIST_SIZE);
          const cli = await timed(() => dockerCli(endpoint, 'ps', '-a'));
          rows.push({
            scenario: `open the list of ${LIST_SIZE} (page load -> full grid)`,
            statistic: 'one run',
            berthMs: render.ms,
            cliMs: cli.ms,
            cliLabel: 'docker ps -a',
            note: `${render.domRows} rows in the DOM (header included) for ${LIST_SIZE} containers`,
          });
        } finally {
          await removeContainers(endpoint);
        }
      },
    );
    await scenario(
      'images',
      `making ${IMAGES_SIZE} images, then opening the Images page ${IMAGES_RUNS} times`,
      async () => {
        const madeMs = await createImages(endpoint, IMAGES_SIZE);
        console.log(
          `  ${IMAGES_SIZE} images made with one docker load in ${Math.round(madeMs)} ms`,
        );
        try {
          rows.push(...(await measureImagesList(page, app.url, endpoint, IMAGES_RUNS)));
        } finally {
          await removeImages(endpoint);
        }
      },
    );
    await scenario(
      'layers',
      `image layers: a ${LAYERS_MB} MB generated image, ${LAYERS_RUNS} runs`,
      async () => {
        const face = { appUrl: app.url, token: app.token, endpoint, dataDir };
        const opts = { ...face, appPid: app.process.pid!, output: app.output };
        rows.push(...(await measureImageLayers(opts, LAYERS_MB, LAYERS_RUNS)));
      },
    );
    await scenario(
      'build',
      `build a 10-step Dockerfile, no cache and cached, ${BUILD_RUNS} runs each`,
      async () => {
        rows.push(...(await measureBuild(app.url, app.token, endpoint, busyboxImage, BUILD_RUNS)));
      },
    );
    await scenario('save', `image save: a ~${SAVE_MB} MB image, ${SAVE_RUNS} runs`, async () => {
      const face = { appUrl: app.url, token: app.token, endpoint, appPid: app.process.pid! };
      rows.push(...(await measureImageSave(face, SAVE_MB, SAVE_RUNS)));
    });
    await scenario('resource-lists', '500 volumes and 200 networks, listed', async () => {
      rows.push(...(await benchResourceLists(app.url, app.token, endpoint)));
    });
    await scenario('clicks', `a click answered with progress, ${CLICK_RUNS} runs`, async () => {
      rows.push(...(await measureClickFeedback(page, endpoint, CLICK_RUNS)));
    });
    await scenario('disk', 'the Disk page with ~50 images, containers and volumes', async () => {
      const face = { appUrl: app.url, token: app.token, endpoint };
      rows.push(...(await measureDiskUsage(page, face, busyboxImage, 50, 7)));
    });
    await scenario('volume-export', 'volume export: a ~500 MB volume, 3 runs', async () => {
      const face = { appUrl: app.url, token: app.token, endpoint, image: busyboxImage };
      rows.push(
        ...(await measureVolumeExport(face, Number(process.env.BENCH_VOLUME_MB ?? 500), 3)),
      );
    });
  } finally {
    await browser.close();
    await app.stop();
    await cleanupEngineFolder(dataDir, managedBridgeName(dataDir));
  }

  await scenario(
    'swarm-scale',
    `a 3-node swarm scaling a service 0 -> 100 replicas, ${SWARM_RUNS} runs each`,
    async () => {
      rows.push(...(await measureSwarmScale(100, SWARM_RUNS)));
    },
  );

  await scenario('engine-start', `managed engine start, ${START_RUNS} runs each`, async () => {
    rows.push(...(await measureEngineStart(dockerd, START_RUNS)));
  });

  await scenario('vm-start', `Berth's Linux VM start, ${VM_RUNS} runs each`, async () => {
    rows.push(...(await measureVmStart(await ensureVmImage(), VM_RUNS)));
  });

  await scenario(
    'ssh-list',
    `a remote engine over SSH on loopback: ${SSH_LIST_SIZE} containers listed, ${SSH_LIST_RUNS} runs`,
    async () => {
      rows.push(...(await measureSshList(SSH_LIST_SIZE, SSH_LIST_RUNS)));
    },
  );

  console.log('');
  printTable(rows);
  failOn(benchProblems(scenarios, only, produced));
}

main().catch((err: unknown) => {
  console.error('The benchmark failed:', err);
  process.exit(1);
});
