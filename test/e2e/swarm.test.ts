// The Swarm page in Chromium, driven by role and name, on ONE real 3-node
// swarm made for the file (engines as separate hosts in network namespaces,
// swarm-cluster.ts), the browser face shown the manager's engine and the
// docker CLI (the 28.x one first on PATH) as the truth. The tests run in
// order on the same swarm: a service `web` is made, scaled, drained around,
// updated and rolled back; a node is stopped last. Every command the page
// shows is run through a real `sh`, with hostile text where it embeds the
// user's.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/engine/clock.ts';
import { terminateProcess } from '../../electron/engine/processes.ts';
import { launchChromium } from '../helpers/browser.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { ENGINE_MS, FOLLOW_MS, testTimeout } from '../helpers/deadlines.ts';
import { nodeDocker, type EngineNode } from '../helpers/netns-nodes.ts';
import { busyboxV2, startSwarm, type SwarmCluster } from '../helpers/swarm-cluster.ts';
import {
  comparableSpec,
  inspectServiceOn,
  shortenUpdateMonitors,
  tasksRunningOn,
  writeStackFile,
} from '../helpers/swarm-suite.ts';
import { startWebApp, type WebApp } from '../helpers/web-app.ts';

const sh = promisify(execFile);
/** A folder to write screenshots to (BERTH_E2E_SHOTS), to look at what the page showed. */
const shots = process.env.BERTH_E2E_SHOTS;

let cluster: SwarmCluster;
let manager: EngineNode;
let scratch: string;
let app: WebApp;
let browser: Browser;
let page: Page;

beforeAll(
  async () => {
    scratch = await mkdtemp(join(tmpdir(), 'berth-e2e-swarm-'));
    cluster = await startSwarm(3);
    manager = cluster.manager;
    app = await startWebApp({ dataDir: join(scratch, 'app'), engine: manager.host });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await page.goto(app.urlWithToken);
    await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: ENGINE_MS });
    await page.getByRole('link', { name: 'Swarm', exact: true }).click();
  },
  testTimeout(ENGINE_MS * 3),
);

afterAll(
  async () => {
    await browser?.close();
    await app?.stop();
    await cluster?.stop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  },
  testTimeout(ENGINE_MS * 2),
);

const main = () => page.getByRole('main', { name: 'Swarm' });
const grid = (name: string) => main().getByRole('grid', { name, exact: true });
const button = (scope: Locator, name: string) => scope.getByRole('button', { name, exact: true });
const serviceRow = (name: string) =>
  grid('Swarm services').getByRole('row', { name: new RegExp(`^${name}, `) });
const nodeRow = (node: EngineNode) =>
  grid('Nodes').getByRole('row', { name: new RegExp(`^${node.name}, `) });
const lastCommand = () =>
  main().getByRole('region', { name: 'Last action' }).getByLabel('Last command');
const rowNames = async (scope: Locator) =>
  scope
    .getByRole('row')
    .evaluateAll((rows) =>
      rows.map((r) => r.getAttribute('aria-label')).filter((n): n is string => n !== null),
    );
/** The Tasks grid's running tasks meant to run: node hostname per task. */
const shownRunningNodes = async () =>
  (await rowNames(grid('Tasks')))
    .filter((n) => n.endsWith(', running, desired running'))
    .map((n) => / on (\S+), /.exec(n)![1]!)
    .sort();
const runningOn = (service: string) => tasksRunningOn(manager, service);
const poll = <T>(fn: () => T | Promise<T>, timeout = FOLLOW_MS) =>
  expect.poll(fn, { timeout, interval: 250 });
const shot = async (name: string) => {
  if (shots) await page.screenshot({ path: join(shots, `swarm-${name}.png`), fullPage: true });
};
/** Runs a shown command line as a user pastes it. */
const run = (line: string) => sh('sh', ['-c', line], { env: { ...process.env } });

/** The Create service dialog, its image and name filled in. */
async function openCreateService(image: string, name: string): Promise<Locator> {
  await button(main(), 'Create service').click();
  const dialog = page.getByRole('dialog', { name: 'Create service' });
  await dialog.getByLabel('Image', { exact: true }).fill(image);
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  return dialog;
}

async function showTasksOf(service: string | null): Promise<void> {
  await main()
    .getByLabel('Tasks of')
    .selectOption(service ?? '');
}

describe('the Swarm page of a manager', () => {
  it('shows the 3 nodes, and the commands to join as a worker or a manager', async () => {
    await poll(async () => (await rowNames(grid('Nodes'))).length).toBe(3);
    for (const node of cluster.nodes) {
      expect(await nodeRow(node).getAttribute('aria-label')).toMatch(/, active, ready/);
    }
    expect(await nodeRow(manager).getAttribute('aria-label')).toMatch(/manager.*this engine/);
    for (const role of ['worker', 'manager'] as const) {
      const token = (await nodeDocker(manager, 'swarm', 'join-token', '-q', role)).trim();
      const label = `${role[0]!.toUpperCase()}${role.slice(1)} join command`;
      expect(await main().getByLabel(label).textContent()).toBe(
        `docker swarm join --token ${token} ${manager.address}:2377`,
      );
      await expect(button(main(), `Copy ${role} join command`).isVisible()).resolves.toBe(true);
    }
  });

  it('creates a service of 4 replicas from the dialog; the Tasks grid shows them spread as docker service ps does', async () => {
    const dialog = await openCreateService(busyboxImage, 'web');
    await dialog
      .getByLabel('Command', { exact: true })
      .fill(`sh -c 'echo "hello from $(hostname)"; trap "exit 0" TERM; while sleep 1; do :; done'`);
    await dialog.getByLabel('Replicas', { exact: true }).fill('4');
    await button(dialog, 'Create service').click();
    await dialog.waitFor({ state: 'detached' });
    await poll(async () => (await runningOn('web')).length, ENGINE_MS).toBe(4);
    // 4 tasks over 3 active nodes: every node runs one.
    expect(new Set(await runningOn('web')).size).toBe(3);
    await serviceRow('web').waitFor();
    await poll(() => serviceRow('web').getAttribute('aria-label')).toMatch(/^web, 4\/4/);
    // Creating picked the new service's tasks.
    await poll(shownRunningNodes).toEqual((await runningOn('web')).sort());
    await poll(() => main().getByRole('status', { name: 'Task counts' }).textContent()).toMatch(
      /^4 running of 4 wanted/,
    );
    await shot('created');
  });

  it("shows a service's logs, each line prefixed by its task and node", async () => {
    await button(serviceRow('web'), 'Logs').click();
    const log = main().getByRole('log', { name: 'Logs of web' });
    await poll(async () => (await log.textContent())?.match(/hello from/g)?.length ?? 0).toBe(4);
    const cli = await nodeDocker(manager, 'service', 'logs', 'web');
    // The CLI's prefix: `web.1.<task id>@<node>    | hello from …`.
    const prefixes = cli
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('|')[0]!.trim());
    const text = (await log.textContent()) ?? '';
    for (const prefix of prefixes) expect(text).toContain(`${prefix} | hello from`);
    await button(main(), 'Close logs').click();
  });

  it('scales to 6 through the dialog, refusing -1 and 100000 there before anything is asked', async () => {
    await button(serviceRow('web'), 'Scale').click();
    const dialog = page.getByRole('dialog', { name: 'Scale web' });
    const replicas = dialog.getByLabel('Replicas', { exact: true });
    const scale = button(dialog, 'Scale');
    await replicas.fill('-1');
    await poll(() => dialog.textContent()).toMatch(
      /Cannot be negative: give a whole number from 0 to 1000/,
    );
    expect(await replicas.getAttribute('aria-invalid')).toBe('true');
    expect(await scale.isDisabled()).toBe(true);
    await replicas.fill('100000');
    await poll(() => dialog.textContent()).toMatch(
      /At most 1000: a larger number is almost certainly a typo/,
    );
    expect(await scale.isDisabled()).toBe(true);
    await replicas.press('Enter');
    expect((await inspectServiceOn(manager, 'web')).Spec.Mode.Replicated.Replicas).toBe(4);

    await replicas.fill('6');
    await scale.click();
    await dialog.waitFor({ state: 'detached' });
    await poll(async () => (await runningOn('web')).length, ENGINE_MS).toBe(6);
    await poll(() => serviceRow('web').getAttribute('aria-label')).toMatch(/^web, 6\/6/);
    await poll(shownRunningNodes).toEqual((await runningOn('web')).sort());
    const line = await lastCommand().textContent();
    expect(line).toBe(`docker -H ${manager.host} service scale web=6`);
    await run(line!);
    expect((await inspectServiceOn(manager, 'web')).Spec.Mode.Replicated.Replicas).toBe(6);
  });

  it('drains a node: its tasks move to the others; Activate brings it back', async () => {
    const drained = cluster.workers[1]!;
    await button(nodeRow(drained), 'Drain').click();
    await poll(() => nodeRow(drained).getAttribute('aria-label')).toMatch(/, drain, /);
    expect(
      (
        await nodeDocker(manager, 'node', 'inspect', '-f', '{{.Spec.Availability}}', drained.name)
      ).trim(),
    ).toBe('drain');
    expect(await lastCommand().textContent()).toBe(
      `docker -H ${manager.host} node update --availability drain ${drained.name}`,
    );
    await poll(async () => {
      const nodes = await runningOn('web');
      return nodes.length === 6 && !nodes.includes(drained.name);
    }, ENGINE_MS).toBe(true);
    await poll(shownRunningNodes).toEqual((await runningOn('web')).sort());
    expect(await shownRunningNodes()).not.toContain(drained.name);
    await shot('drained');

    await button(nodeRow(drained), 'Activate').click();
    await poll(() => nodeRow(drained).getAttribute('aria-label')).toMatch(/, active, /);
    const line = await lastCommand().textContent();
    expect(line).toBe(
      `docker -H ${manager.host} node update --availability active ${drained.name}`,
    );
    await run(line!);
  });

  it("labels a node: the dialog's command run through a real shell with a hostile value, then a label removed in the dialog", async () => {
    const node = cluster.workers[0]!;
    const canary = join(tmpdir(), `berth-swarm-canary-${randomBytes(4).toString('hex')}`);
    const hostile = `x $(touch ${canary}) \`touch ${canary}\` 'q' "d" ; | & < > * ? ~ !! \\ end`;
    const labels = async () =>
      JSON.parse(
        await nodeDocker(manager, 'node', 'inspect', '-f', '{{json .Spec.Labels}}', node.name),
      ) as Record<string, string>;
    await button(nodeRow(node), 'Labels').click();
    let dialog = page.getByRole('dialog', { name: `Labels of ${node.name}` });
    await dialog.getByLabel('Add labels', { exact: true }).fill(`zone=east\nberth.note=${hostile}`);
    const line = await dialog.getByLabel('docker command').textContent();
    await button(dialog, 'Cancel').click();
    await run(line!);
    expect(await labels()).toEqual({ zone: 'east', 'berth.note': hostile });
    expect(existsSync(canary)).toBe(false);
    await poll(() => nodeRow(node).textContent()).toContain('zone=east');

    await button(nodeRow(node), 'Labels').click();
    dialog = page.getByRole('dialog', { name: `Labels of ${node.name}` });
    await dialog.getByRole('checkbox', { name: 'Remove berth.note' }).check();
    await button(dialog, 'Save labels').click();
    await poll(labels).toEqual({ zone: 'east' });
    expect(await lastCommand().textContent()).toBe(
      `docker -H ${manager.host} node update --label-rm berth.note ${node.name}`,
    );
  });

  it('updates the image with progress in the row, then rolls it back', async () => {
    await shortenUpdateMonitors(manager, 'web');
    await poll(async () => (await runningOn('web')).length, ENGINE_MS).toBe(6);
    await button(serviceRow('web'), 'Update image').click();
    const dialog = page.getByRole('dialog', { name: 'Update image of web' });
    await dialog.getByLabel('Image', { exact: true }).fill(busyboxV2);
    await button(dialog, 'Update image').click();
    // The tasks are replaced one by one: the row shows how many run the new image.
    const progress = serviceRow('web').getByRole('progressbar', { name: 'Updating web' });
    await progress.waitFor({ timeout: FOLLOW_MS });
    await shot('updating');
    await poll(() => serviceRow('web').getAttribute('aria-label'), ENGINE_MS).toMatch(
      /^web, 6\/6, completed$/,
    );
    expect((await inspectServiceOn(manager, 'web')).Spec.TaskTemplate.ContainerSpec.Image).toMatch(
      /^berth-test\/busybox:v2/,
    );
    expect(await lastCommand().textContent()).toBe(
      `docker -H ${manager.host} service update --image ${busyboxV2} web`,
    );

    await button(serviceRow('web'), 'Roll back').click();
    await poll(() => serviceRow('web').getAttribute('aria-label'), ENGINE_MS).toMatch(
      /^web, 6\/6, rollback completed$/,
    );
    expect((await inspectServiceOn(manager, 'web')).Spec.TaskTemplate.ContainerSpec.Image).toMatch(
      /^berth-test\/busybox:latest/,
    );
    expect(await lastCommand().textContent()).toBe(
      `docker -H ${manager.host} service rollback web`,
    );
  });

  it('shows the task error of a service on an image no node has, and removes it after asking', async () => {
    const dialog = await openCreateService('berth-test/absent:1', 'absent');
    await button(dialog, 'Create service').click();
    await dialog.waitFor({ state: 'detached' });
    await showTasksOf('absent');
    const failed = grid('Tasks').getByRole('row', {
      name: /^absent\.1 on .*(No such image|could not be accessed)/,
    });
    await failed.first().waitFor({ timeout: ENGINE_MS });
    const id = (await nodeDocker(manager, 'service', 'ps', '-q', '--no-trunc', 'absent')).split(
      '\n',
    )[0]!;
    const cliError = (await nodeDocker(manager, 'inspect', '-f', '{{.Status.Err}}', id)).trim();
    expect(cliError).toMatch(/berth-test\/absent:1|No such image/);
    await shot('absent-image');

    await button(serviceRow('absent'), 'Remove service').click();
    const confirm = page.getByRole('dialog', { name: 'Remove service absent?' });
    await button(confirm, 'Remove service').click();
    await poll(async () =>
      (await nodeDocker(manager, 'service', 'ls', '-q', '--filter', 'name=absent')).trim(),
    ).toBe('');
    await serviceRow('absent').waitFor({ state: 'detached', timeout: FOLLOW_MS });
    expect(await lastCommand().textContent()).toBe(`docker -H ${manager.host} service rm absent`);
    await showTasksOf(null);
  });

  it('shows a docker service create line that makes the same service, through a real shell with hostile values', async () => {
    const canary = join(tmpdir(), `berth-swarm-canary-${randomBytes(4).toString('hex')}`);
    const hostile = `x $(touch ${canary}) \`touch ${canary}\` "d" ; | & < > * ? ~ !! \\ end`;
    const dialog = await openCreateService(busyboxImage, 'via-cli');
    await dialog.getByLabel('Command', { exact: true }).fill(`sh -c 'sleep 1' '${hostile}'`);
    await dialog.getByLabel('Replicas', { exact: true }).fill('0');
    await dialog.getByLabel('Environment', { exact: true }).fill(`HOSTILE=${hostile}\nPLAIN=1`);
    await dialog.getByLabel('Ports', { exact: true }).fill('8080:80');
    await dialog
      .getByLabel('Placement constraints', { exact: true })
      .fill(`node.labels.zone!=x $(touch ${canary}) | * ? (b) + end\nnode.role==worker`);
    await button(dialog, 'Show command').click();
    const line = await dialog.getByLabel('docker command').textContent();
    expect(line).toMatch(new RegExp(`^docker -H ${manager.host} service create --name via-cli `));
    await dialog.getByLabel('Name', { exact: true }).fill('via-app');
    await dialog.getByLabel('Ports', { exact: true }).fill('8081:80');
    await button(dialog, 'Create service').click();
    await dialog.waitFor({ state: 'detached' });
    await run(line!);
    const [a, b] = [
      await inspectServiceOn(manager, 'via-app'),
      await inspectServiceOn(manager, 'via-cli'),
    ];
    expect(comparableSpec(b)).toEqual(comparableSpec(a));
    expect(comparableSpec(a).container.args.at(-1)).toBe(hostile);
    expect(existsSync(canary)).toBe(false);
    for (const name of ['via-app', 'via-cli']) await nodeDocker(manager, 'service', 'rm', name);
  });

  it('deploys a stack from a compose file and removes it after asking', async () => {
    const canary = join(tmpdir(), `berth-swarm-canary-${randomBytes(4).toString('hex')}`);
    const folder = join(scratch, `todo $(touch ${canary}) \`touch ${canary}\` 'q' ; & end`);
    await mkdir(folder, { recursive: true });
    const file = join(folder, 'docker-compose-swarm.yml');
    await writeStackFile(file);
    const deploy = button(main(), 'Deploy stack');
    await poll(() => deploy.isEnabled()).toBe(true);
    await deploy.click();
    const dialog = page.getByRole('dialog', { name: 'Deploy stack' });
    await dialog.getByLabel('Stack name', { exact: true }).fill('todo');
    await dialog.getByLabel('Compose file', { exact: true }).fill(file);
    await button(dialog, 'Deploy').click();
    const row = grid('Stacks').getByRole('row', { name: 'todo, 1 service' });
    await row.waitFor({ timeout: ENGINE_MS });
    expect(
      (await nodeDocker(manager, 'stack', 'ls', '--format', '{{.Name}} {{.Services}}')).trim(),
    ).toBe('todo 1');
    await poll(() => serviceRow('todo_web').getAttribute('aria-label'), ENGINE_MS).toMatch(
      /^todo_web, 2\/2/,
    );
    const line = await lastCommand().textContent();
    expect(line).toMatch(
      new RegExp(`^docker -H ${manager.host} stack deploy --compose-file '.+' todo$`),
    );
    // Deployed again, as pasted: the same stack, updated in place.
    await run(line!);
    expect(existsSync(canary)).toBe(false);
    expect(
      (await nodeDocker(manager, 'stack', 'ls', '--format', '{{.Name}} {{.Services}}')).trim(),
    ).toBe('todo 1');
    await shot('stack');

    await button(row, 'Remove stack').click();
    await button(page.getByRole('dialog', { name: 'Remove stack todo?' }), 'Remove stack').click();
    await row.waitFor({ state: 'detached', timeout: FOLLOW_MS });
    expect((await nodeDocker(manager, 'stack', 'ls', '--format', '{{.Name}}')).trim()).toBe('');
    expect(await lastCommand().textContent()).toBe(`docker -H ${manager.host} stack rm todo`);
  });

  it('shows a node Down when its dockerd stops, and its tasks rescheduled on the others', async () => {
    const lost = cluster.workers[0]!;
    await showTasksOf('web');
    const pid = Number((await readFile(join(lost.dir, 'dockerd.pid'), 'utf8')).trim());
    // A clean stop (its containers stopped with it), as a machine shutting down does.
    await terminateProcess(pid, systemClock, { graceMs: ENGINE_MS, killMs: 10_000 });
    // The manager calls a node down after a few missed heartbeats (5 s apart).
    await poll(() => nodeRow(lost).getAttribute('aria-label'), ENGINE_MS).toMatch(/, down/);
    await poll(async () => {
      const nodes = await runningOn('web');
      return nodes.length === 6 && !nodes.includes(lost.name);
    }, ENGINE_MS).toBe(true);
    await poll(shownRunningNodes).toEqual((await runningOn('web')).sort());
    expect(await shownRunningNodes()).not.toContain(lost.name);
    await shot('node-down');
  });
});

describe('the Swarm page of a worker, then of an engine in no swarm', () => {
  it('says the worker is no manager and which node is; leaves, inits a swarm (force to leave it), and joins back', async () => {
    const node = cluster.workers[1]!;
    const other = await startWebApp({ dataDir: join(scratch, 'worker-app'), engine: node.host });
    const nodePage = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const swarmState = async () =>
      (
        await nodeDocker(
          node,
          'info',
          '-f',
          '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}',
        )
      ).trim();
    try {
      await nodePage.goto(`${other.urlWithToken}#/swarm`);
      const page = nodePage.getByRole('main', { name: 'Swarm' });
      const alert = page.getByRole('alert');
      await poll(() => alert.textContent()).toMatch(/is a swarm worker, not a manager/);
      expect(await alert.textContent()).toContain(`${manager.address}:2377`);
      expect(await page.getByRole('grid', { name: 'Nodes' }).count()).toBe(0);

      await button(page, 'Leave swarm').click();
      await button(
        nodePage.getByRole('dialog', { name: 'Leave the swarm?' }),
        'Leave swarm',
      ).click();
      const init = button(page, 'Init swarm');
      await init.waitFor({ timeout: ENGINE_MS });
      expect(await swarmState()).toBe('inactive false');

      await page.getByLabel('Advertise address', { exact: true }).fill(node.address);
      await init.click();
      await page.getByRole('grid', { name: 'Nodes' }).waitFor({ timeout: ENGINE_MS });
      expect(await swarmState()).toBe('active true');
      expect(await page.getByLabel('Last command').textContent()).toBe(
        `docker -H ${node.host} swarm init --advertise-addr ${node.address}`,
      );
      if (shots) await nodePage.screenshot({ path: join(shots, 'swarm-own.png'), fullPage: true });

      await button(page, 'Leave swarm').click();
      const leave = nodePage.getByRole('dialog', { name: 'Leave the swarm?' });
      expect(await leave.textContent()).toMatch(/leaving needs force.*last manager/);
      await button(leave, 'Force leave swarm').click();
      await init.waitFor({ timeout: ENGINE_MS });
      expect(await swarmState()).toBe('inactive false');

      const token = (await nodeDocker(manager, 'swarm', 'join-token', '-q', 'worker')).trim();
      await page.getByLabel('Join token', { exact: true }).fill(token);
      await page.getByLabel('Manager address', { exact: true }).fill(`${manager.address}:2377`);
      await button(page, 'Join swarm').click();
      await poll(() => alert.textContent(), ENGINE_MS).toMatch(/is a swarm worker, not a manager/);
      expect(await swarmState()).toBe('active false');
    } finally {
      await nodePage.close();
      await other.stop();
    }
  });
});
