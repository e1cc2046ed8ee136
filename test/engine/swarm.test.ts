// Swarm through the app's services and dispatcher (as a renderer calls them)
// on a real 3-node swarm: engines as separate hosts in network namespaces
// (swarm-cluster.ts), made once for the file, with the docker CLI (the 28.x
// one first on PATH) as the truth. The app's services point at node 1 (the
// manager) and, for the refusal, at node 2 (a worker). Every service's tasks
// run a shell that exits on SIGTERM, so scaling down and updates never wait
// out the engine's 10 s stop grace.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import Docker from 'dockerode';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateProgress } from '../../electron/contract/swarm-derive.ts';
import {
  nodeAvailabilityCommandLine,
  nodeLabelsCommandLine,
  serviceCreateCommandLine,
  serviceRemoveCommandLine,
  serviceRollbackCommandLine,
  serviceScaleCommandLine,
  serviceUpdateImageCommandLine,
} from '../../electron/contract/swarm-commands.ts';
import type {
  ServiceLogLine,
  SwarmNodeRow,
  SwarmServiceRow,
  SwarmStatus,
  SwarmTaskRow,
  SwarmWatchLine,
  SwarmTasksLine,
} from '../../electron/contract/swarm-types.ts';
import type { CliTarget } from '../../electron/contract/run-spec/run-command.ts';
import type { AppServices } from '../../electron/services/app-services.ts';
import type { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { systemClock } from '../../electron/engine/clock.ts';
import { terminateProcess } from '../../electron/engine/processes.ts';
import { openSwarmWatch } from '../../electron/services/swarm/swarm-watch.ts';
import { openTaskWatch } from '../../electron/services/swarm/task-watch.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS, ENGINE_MS } from '../helpers/deadlines.ts';
import { nodeDocker, type EngineNode } from '../helpers/netns-nodes.ts';
import { busyboxV2, startSwarm, type SwarmCluster } from '../helpers/swarm-cluster.ts';
import {
  call,
  comparableSpec,
  follow,
  inspectServiceOn,
  LOOP,
  refusal,
  shortenUpdateMonitors,
  writeStackFile,
  spec,
  swarmAppServices,
  tasksRunningOn,
  watchedNodes,
  watchedServices,
  watchedTasks,
} from '../helpers/swarm-suite.ts';

const sh = promisify(execFile);

let cluster: SwarmCluster;
let manager: EngineNode;
let worker: EngineNode;
let scratch: string;
const opened: AppServices[] = [];
let app: Dispatcher;
let onWorker: Dispatcher;

async function servicesOn(node: EngineNode): Promise<Dispatcher> {
  const { services, dispatcher } = await swarmAppServices(node, scratch);
  opened.push(services);
  return dispatcher;
}

const runningTasks = (service: string) => tasksRunningOn(manager, service);
const inspectService = (name: string) => inspectServiceOn(manager, name);

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'berth-swarm-'));
  cluster = await startSwarm(3);
  manager = cluster.manager;
  worker = cluster.workers[0]!;
  app = await servicesOn(manager);
  onWorker = await servicesOn(worker);
});

afterAll(async () => {
  for (const services of opened) await services.dispose();
  await cluster?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

const poll = <T>(fn: () => T | Promise<T>, timeout = FOLLOW_MS) =>
  expect.poll(fn, { timeout, interval: 250 });

describe('where the engine stands', () => {
  it('says node 1 is the manager of 3 nodes and node 2 a worker that knows its manager', async () => {
    const status = await call<SwarmStatus>(app, 'swarm.status');
    expect(status).toMatchObject({ state: 'manager', nodeCount: 3, managerCount: 1 });
    expect(status.nodeId).toBe(
      (await nodeDocker(manager, 'info', '-f', '{{.Swarm.NodeID}}')).trim(),
    );
    const onTheWorker = await call<SwarmStatus>(onWorker, 'swarm.status');
    expect(onTheWorker.state).toBe('worker');
    expect(onTheWorker.managers.map((m) => m.address)).toEqual([`${manager.address}:2377`]);
  });

  it("refuses a worker's management calls, saying it is a worker and which node manages", async () => {
    for (const [channel, ...args] of [
      ['swarm.nodes'],
      ['swarm.services'],
      ['swarm.scaleService', 'web', 2],
      ['swarm.nodeAvailability', manager.name, 'drain'],
      ['swarm.joinTokens'],
    ] as [string, ...unknown[]][]) {
      const error = await refusal(onWorker, channel, ...args);
      expect(error.kind, channel).toBe('bad-request');
      expect(error.message).toMatch(/is a swarm worker, not a manager/);
      expect(error.message).toContain(`${manager.address}:2377`);
      // The engine's own words are kept beside ours.
      expect(error.engineMessage).toMatch(/not a swarm manager/i);
    }
  });

  it('gives the join tokens and the address to join, as docker swarm join-token does', async () => {
    const tokens = await call<{ worker: string; manager: string; address: string }>(
      app,
      'swarm.joinTokens',
    );
    expect(tokens.worker).toBe(
      (await nodeDocker(manager, 'swarm', 'join-token', '-q', 'worker')).trim(),
    );
    expect(tokens.manager).toBe(
      (await nodeDocker(manager, 'swarm', 'join-token', '-q', 'manager')).trim(),
    );
    expect(tokens.address).toBe(`${manager.address}:2377`);
  });
});

describe('services and their tasks', () => {
  it('creates a service of 4 replicas spread over the nodes; the watches follow without a re-list', async () => {
    const watch = follow<SwarmWatchLine>(app, 'swarm.watch', []);
    const tasks = follow<SwarmTasksLine>(app, 'swarm.watchTasks', [{ service: 'web' }]);
    try {
      await poll(() => watchedNodes(watch.lines).size).toBe(3);
      const { id } = await call<{ id: string }>(app, 'swarm.createService', spec('web', 4));
      expect((await inspectService('web')).ID).toBe(id);
      await poll(async () => (await runningTasks('web')).length, ENGINE_MS).toBe(4);
      // 4 over 3 active nodes: the engine spreads them over all three.
      expect(new Set(await runningTasks('web')).size).toBe(3);
      await poll(() => {
        const row = [...watchedServices(watch.lines).values()].find((s) => s.name === 'web');
        return row && `${row.running}/${row.desired}`;
      }).toBe('4/4');
      await poll(() =>
        [...watchedTasks(tasks.lines).values()]
          .filter((t) => t.state === 'running')
          .map((t) => t.nodeHostname)
          .sort(),
      ).toEqual((await runningTasks('web')).sort());
      const listed = await call<SwarmTaskRow[]>(app, 'swarm.tasks', { service: 'web' });
      expect(
        listed
          .filter((t) => t.state === 'running')
          .map((t) => t.name)
          .sort(),
      ).toEqual(['web.1', 'web.2', 'web.3', 'web.4']);
      // One status, one reset of each list, and from then on only deltas.
      expect(watch.lines.filter((l) => l.kind === 'status')).toHaveLength(1);
      expect(
        watch.lines.filter((l) => (l.kind === 'nodes' || l.kind === 'services') && l.delta.reset),
      ).toHaveLength(2);
    } finally {
      watch.close();
      tasks.close();
    }
  });

  it("drains a node: its tasks move to the others, and the watch shows the node's availability", async () => {
    const watch = follow<SwarmWatchLine>(app, 'swarm.watch', []);
    const drained = cluster.workers[1]!;
    try {
      await poll(() => watchedNodes(watch.lines).size).toBe(3);
      await call(app, 'swarm.nodeAvailability', drained.name, 'drain');
      expect(
        (
          await nodeDocker(manager, 'node', 'inspect', '-f', '{{.Spec.Availability}}', drained.name)
        ).trim(),
      ).toBe('drain');
      await poll(
        () =>
          [...watchedNodes(watch.lines).values()].find((n) => n.hostname === drained.name)
            ?.availability,
      ).toBe('drain');
      await poll(async () => {
        const nodes = await runningTasks('web');
        return nodes.length === 4 && !nodes.includes(drained.name);
      }, ENGINE_MS).toBe(true);
      await call(app, 'swarm.nodeAvailability', drained.name, 'active');
      expect(
        (
          await nodeDocker(manager, 'node', 'inspect', '-f', '{{.Spec.Availability}}', drained.name)
        ).trim(),
      ).toBe('active');
    } finally {
      watch.close();
    }
  });

  it('scales to 6 and to 0, and refuses a negative, fractional or huge count before the engine', async () => {
    await call(app, 'swarm.scaleService', 'web', 6);
    await poll(async () => (await runningTasks('web')).length, ENGINE_MS).toBe(6);
    await call(app, 'swarm.scaleService', 'web', 0);
    await poll(async () => (await runningTasks('web')).length, ENGINE_MS).toBe(0);
    for (const bad of [-1, 2.5, 1_000_000_000]) {
      const error = await refusal(app, 'swarm.scaleService', 'web', bad);
      expect(error.kind).toBe('bad-request');
      expect(error.message).toMatch(/^Replicas: /);
    }
    expect((await refusal(app, 'swarm.scaleService', 'web', -1)).message).toMatch(/negative/);
    expect((await refusal(app, 'swarm.scaleService', 'web', 1e9)).message).toMatch(/at most 1000/i);
    expect((await inspectService('web')).Spec.Mode.Replicated.Replicas).toBe(0);

    // A global service runs one task per node: there is no count to scale.
    await call(app, 'swarm.createService', {
      ...spec('agent', 0),
      mode: 'global',
      replicas: undefined,
    });
    try {
      const global = await refusal(app, 'swarm.scaleService', 'agent', 2);
      expect(global.message).toBe(
        'agent is a global service: it runs one task on every node, so it cannot be scaled.',
      );
      const services = await call<SwarmServiceRow[]>(app, 'swarm.services');
      expect(services.find((s) => s.name === 'agent')?.mode).toBe('global');
    } finally {
      await call(app, 'swarm.removeService', 'agent');
    }
  });

  it('lists tasks each second only while watched, at once on a service event, and nothing once closed', async () => {
    // A client of node 1 whose requests are counted (a tap on the real engine, not a stand-in).
    const calls = new Docker({ socketPath: manager.socket });
    const modem = (
      calls as unknown as { modem: { dial: (o: { path: string }, cb: unknown) => void } }
    ).modem;
    const dial = modem.dial.bind(modem);
    const asked: string[] = [];
    modem.dial = (opts, cb) => {
      asked.push(opts.path);
      dial(opts, cb);
    };
    const count = (path: string) => asked.filter((p) => p.startsWith(`${path}?`)).length;
    const events = opened[0]!.manager.connection().eventLog;
    const collect = (stream: Readable) => stream.on('data', () => {});

    // Ticks far apart: a re-list within the deadline can only come from the service event.
    const slow = collect(
      openTaskWatch({ engineId: 'e', calls, events, tickMs: 10 * 60_000 }, { service: 'web' }),
    );
    await poll(() => count('/tasks')).toBe(1);
    await nodeDocker(manager, 'service', 'update', '--detach', '--label-add', 'poked=1', 'web');
    await poll(() => count('/tasks')).toBeGreaterThanOrEqual(2);
    slow.destroy();

    const ticking = collect(openTaskWatch({ engineId: 'e', calls, events }, { service: 'web' }));
    const watch = collect(openSwarmWatch({ engineId: 'e', calls, events }));
    const before = count('/tasks');
    await poll(() => count('/tasks') - before, ENGINE_MS).toBeGreaterThanOrEqual(3);
    ticking.destroy();
    watch.destroy();
    const closedAt = asked.length;
    // Absence needs a wait: three ticks' worth, in which an open watch would have listed thrice.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(asked.slice(closedAt)).toEqual([]);
  });

  it('updates the image as a rolling update with progress, then rolls it back', async () => {
    await call(app, 'swarm.scaleService', 'web', 2);
    await shortenUpdateMonitors(manager, 'web');
    await poll(async () => (await runningTasks('web')).length, ENGINE_MS).toBe(2);
    const watch = follow<SwarmWatchLine>(app, 'swarm.watch', []);
    const tasks = follow<SwarmTasksLine>(app, 'swarm.watchTasks', [{ service: 'web' }]);
    try {
      await poll(() => watchedServices(watch.lines).size).toBeGreaterThan(0);
      await call(app, 'swarm.updateImage', 'web', busyboxV2);
      const row = () =>
        [...watchedServices(watch.lines).values()].find((s) => s.name === 'web') as SwarmServiceRow;
      await poll(() => row().update?.state, ENGINE_MS).toBe('completed');
      // The watch saw it under way first.
      const states = watch.lines.flatMap((l) =>
        l.kind === 'services' ? l.delta.upserts.map((s) => s.update?.state) : [],
      );
      expect(states).toContain('updating');
      expect(row().image).toBe(busyboxV2);
      await poll(() => updateProgress(row(), watchedTasks(tasks.lines).values())).toEqual({
        updated: 2,
        desired: 2,
      });
      expect((await inspectService('web')).Spec.TaskTemplate.ContainerSpec.Image).toBe(busyboxV2);

      await call(app, 'swarm.rollbackService', 'web');
      await poll(() => row().update?.state, ENGINE_MS).toBe('rollback_completed');
      expect((await inspectService('web')).Spec.TaskTemplate.ContainerSpec.Image).toBe(
        busyboxImage,
      );
      await poll(() => updateProgress(row(), watchedTasks(tasks.lines).values()).updated).toBe(2);
    } finally {
      watch.close();
      tasks.close();
    }
  });

  it('shows the task error of a service whose image no node has, as docker service ps does', async () => {
    await call(app, 'swarm.createService', spec('absent', 1, { image: 'berth-test/absent:1' }));
    try {
      const failed = () =>
        call<SwarmTaskRow[]>(app, 'swarm.tasks', { service: 'absent' }).then((tasks) =>
          tasks.find((t) => t.error !== ''),
        );
      await poll(async () => (await failed())?.error, ENGINE_MS).toBeTruthy();
      const task = (await failed())!;
      const cli = await nodeDocker(manager, 'inspect', '-f', '{{.Status.Err}}', task.id);
      expect(task.error).toBe(cli.trim());
      expect(task.error).toMatch(/berth-test\/absent:1|No such image/);
      expect(task.nodeHostname).not.toBe('');
    } finally {
      await call(app, 'swarm.removeService', 'absent');
    }
  });

  it('streams the logs of every task, each line with its task and node, as docker service logs', async () => {
    const command = ['sh', '-c', `echo "hello from $(hostname)"; ${LOOP[2]}`];
    await call(app, 'swarm.createService', spec('talker', 2, { command }));
    await poll(async () => (await runningTasks('talker')).length, ENGINE_MS).toBe(2);
    const logs = follow<ServiceLogLine>(app, 'swarm.serviceLogs', [
      { service: 'talker', follow: true },
    ]);
    try {
      await poll(() => logs.lines.length).toBe(2);
      const cli = await nodeDocker(manager, 'service', 'logs', 'talker');
      // The CLI's prefix: `talker.1.<task id>@<node>    | hello from …`.
      const prefixes = cli
        .split('\n')
        .filter(Boolean)
        .map((l) => l.split('|')[0]!.trim())
        .sort();
      expect(logs.lines.map((l) => `${l.task}@${l.node}`).sort()).toEqual(prefixes);
      for (const line of logs.lines) expect(line.text).toMatch(/^hello from [0-9a-f]{12}$/);
    } finally {
      logs.close();
      await call(app, 'swarm.removeService', 'talker');
    }
  });

  it('removes a service', async () => {
    await call(app, 'swarm.removeService', 'web');
    expect((await nodeDocker(manager, 'service', 'ls', '-q', '--filter', 'name=web')).trim()).toBe(
      '',
    );
    expect((await refusal(app, 'swarm.removeService', 'web')).kind).toBe('not-found');
  });
});

describe('nodes', () => {
  it('promotes a worker and demotes it again', async () => {
    const node = cluster.workers[1]!;
    const role = async () =>
      (await nodeDocker(manager, 'node', 'inspect', '-f', '{{.Spec.Role}}', node.name)).trim();
    const reachability = async () =>
      (
        await nodeDocker(
          manager,
          'node',
          'inspect',
          '-f',
          '{{.ManagerStatus.Reachability}}',
          node.name,
        )
      ).trim();
    await call(app, 'swarm.nodeRole', node.name, 'manager');
    await poll(role, ENGINE_MS).toBe('manager');
    await poll(reachability, ENGINE_MS).toBe('reachable');
    const rows = await call<SwarmNodeRow[]>(app, 'swarm.nodes');
    expect(rows.find((r) => r.hostname === node.name)).toMatchObject({
      role: 'manager',
      reachability: 'reachable',
      leader: false,
    });
    expect(rows.find((r) => r.hostname === manager.name)).toMatchObject({
      leader: true,
      self: true,
    });
    await call(app, 'swarm.nodeRole', node.name, 'worker');
    await poll(role, ENGINE_MS).toBe('worker');
  });

  it('adds and removes labels, keeping the others', async () => {
    const node = cluster.workers[0]!;
    const labels = async () =>
      JSON.parse(
        await nodeDocker(manager, 'node', 'inspect', '-f', '{{json .Spec.Labels}}', node.name),
      );
    await call(app, 'swarm.nodeLabels', node.name, {
      add: { zone: 'east', disk: 'ssd' },
      remove: [],
    });
    expect(await labels()).toEqual({ zone: 'east', disk: 'ssd' });
    await call(app, 'swarm.nodeLabels', node.name, { add: { zone: 'west' }, remove: ['disk'] });
    expect(await labels()).toEqual({ zone: 'west' });
    const bad = await refusal(app, 'swarm.nodeLabels', node.name, {
      add: { 'a=b': 'x' },
      remove: [],
    });
    expect(bad.kind).toBe('bad-request');
  });
});

describe('stacks', () => {
  it('deploys a stack from a compose file with the docker CLI, lists it, and removes all of it', async () => {
    const file = join(scratch, 'stack.yml');
    await writeStackFile(file);
    expect((await call<{ version: string | null }>(app, 'swarm.stackCli')).version).toMatch(
      /^\d+\./,
    );
    await call(app, 'swarm.deployStack', { name: 'todo', file });
    expect(await call(app, 'swarm.stacks')).toEqual([{ name: 'todo', services: 1 }]);
    expect(
      (await nodeDocker(manager, 'stack', 'ls', '--format', '{{.Name}} {{.Services}}')).trim(),
    ).toBe('todo 1');
    await poll(async () => (await runningTasks('todo_web')).length, ENGINE_MS).toBe(2);
    const removed = await call(app, 'swarm.removeStack', 'todo');
    expect(removed).toEqual({
      services: ['todo_web'],
      networks: ['todo_default'],
      secrets: [],
      configs: [],
    });
    expect((await nodeDocker(manager, 'stack', 'ls', '--format', '{{.Name}}')).trim()).toBe('');
    // A node keeps its copy of the overlay network until its last task of the stack has stopped.
    await poll(
      async () =>
        (await nodeDocker(manager, 'network', 'ls', '-q', '--filter', 'name=todo_default')).trim(),
      ENGINE_MS,
    ).toBe('');
  });

  it('says what the CLI said when a compose file cannot be deployed', async () => {
    const file = join(scratch, 'broken.yml');
    await writeFile(file, 'services: [this is not a mapping\n');
    const error = await refusal(app, 'swarm.deployStack', { name: 'broken', file });
    expect(error.message).toMatch(/^Couldn't deploy stack broken: /);
    expect(error.engineMessage).toBeTruthy();
  });
});

describe('the commands shown, run through a real shell with hostile values', () => {
  const canary = join(tmpdir(), `berth-swarm-canary-${randomBytes(4).toString('hex')}`);
  const hostile = `x $(touch ${canary}) \`touch ${canary}\` 'q' "d" ; | & < > * ? ~ !! \\ end`;
  // What swarmkit takes in a constraint's value, shell metacharacters included.
  const hostileConstraint = `x $(touch ${canary}) | * ? \\ ^ [a] (b) + end`;
  const target = (): CliTarget => ({ host: manager.host });
  const run = (line: string) => sh('sh', ['-c', line], { env: { ...process.env } });

  it('creates the same service as the app, and scales, updates, rolls back and removes it', async () => {
    const made = (name: string) =>
      spec(name, 0, {
        command: [...LOOP, hostile],
        env: [`HOSTILE=${hostile}`, 'PLAIN=1'],
        labels: { 'berth.note': `${hostile}\nsecond line` },
        constraints: [`node.labels.zone!=${hostileConstraint}`, 'node.role==worker'],
        volumes: [
          { type: 'anonymous', target: '/data,with "comma"', readOnly: false },
          { type: 'volume', source: 'berth-swarm-data', target: '/d', readOnly: true },
        ],
        ports: [{ containerPort: 80, protocol: 'tcp' }],
      });
    await call(app, 'swarm.createService', made('via-app'));
    await run(serviceCreateCommandLine(made('via-cli'), 'posix', target()));
    // The CLI waits out the service's update monitor after each change.
    await shortenUpdateMonitors(manager, 'via-cli');
    const [a, b] = [await inspectService('via-app'), await inspectService('via-cli')];
    expect(comparableSpec(b)).toEqual(comparableSpec(a));
    expect(comparableSpec(a).container.args.at(-1)).toBe(hostile);

    await run(serviceScaleCommandLine('via-cli', 2, 'posix', target()));
    expect((await inspectService('via-cli')).Spec.Mode.Replicated.Replicas).toBe(2);
    await run(serviceScaleCommandLine('via-cli', 0, 'posix', target()));
    await run(serviceUpdateImageCommandLine('via-cli', busyboxV2, 'posix', target()));
    expect((await inspectService('via-cli')).Spec.TaskTemplate.ContainerSpec.Image).toMatch(
      /^berth-test\/busybox:v2/,
    );
    await run(serviceRollbackCommandLine('via-cli', 'posix', target()));
    expect((await inspectService('via-cli')).Spec.TaskTemplate.ContainerSpec.Image).toMatch(
      /^berth-test\/busybox:latest/,
    );
    for (const name of ['via-app', 'via-cli']) {
      await run(serviceRemoveCommandLine(name, 'posix', target()));
    }
    expect((await nodeDocker(manager, 'service', 'ls', '-q')).trim()).toBe('');
    expect(existsSync(canary)).toBe(false);
  });

  it('drains, activates and labels a node as the app does', async () => {
    const node = cluster.workers[0]!;
    const inspect = async () =>
      JSON.parse(await nodeDocker(manager, 'node', 'inspect', '-f', '{{json .Spec}}', node.name));
    await run(nodeAvailabilityCommandLine(node.name, 'drain', 'posix', target()));
    expect((await inspect()).Availability).toBe('drain');
    await run(nodeAvailabilityCommandLine(node.name, 'active', 'posix', target()));
    expect((await inspect()).Availability).toBe('active');
    const value = `${hostile}\nline two`;
    await run(
      nodeLabelsCommandLine(
        node.name,
        { add: { 'berth.zone': value }, remove: ['zone'] },
        'posix',
        target(),
      ),
    );
    expect((await inspect()).Labels).toEqual({ 'berth.zone': value });
    await call(app, 'swarm.nodeLabels', node.name, { add: {}, remove: ['berth.zone'] });
    expect((await inspect()).Labels ?? {}).toEqual({});
    expect(existsSync(canary)).toBe(false);
  });
});

describe('joining and leaving', () => {
  it('leaves, inits a swarm of its own, leaves it, refuses a wrong token, and joins back', async () => {
    const node = cluster.workers[1]!;
    const onNode = await servicesOn(node);
    const state = async () => (await call<SwarmStatus>(onNode, 'swarm.status')).state;
    const oldId = (await nodeDocker(node, 'info', '-f', '{{.Swarm.NodeID}}')).trim();
    const tokens = await call<{ worker: string; address: string }>(app, 'swarm.joinTokens');

    await call(onNode, 'swarm.leave', { force: false });
    await poll(state).toBe('inactive');
    const outside = await refusal(onNode, 'swarm.services');
    expect(outside.message).toBe('The engine shown is not in a swarm.');
    expect(outside.hint).toMatch(/docker swarm init/);

    const own = await call<SwarmStatus>(onNode, 'swarm.init', { advertiseAddr: node.address });
    expect(own).toMatchObject({ state: 'manager', nodeAddress: node.address });
    await call(onNode, 'swarm.leave', { force: true });
    await poll(state).toBe('inactive');

    const wrong = tokens.worker.replace(/-[a-z0-9]+$/, '-0000000000000000000000000');
    const refused = await refusal(onNode, 'swarm.join', {
      token: wrong,
      remoteAddr: tokens.address,
    });
    expect(refused.engineMessage).toMatch(/token/i);
    await poll(state).toBe('inactive');

    await call(onNode, 'swarm.join', { token: tokens.worker, remoteAddr: tokens.address });
    await poll(state, ENGINE_MS).toBe('worker');
    await poll(async () =>
      (await nodeDocker(manager, 'node', 'ls', '--format', '{{.Hostname}} {{.Status}}'))
        .split('\n')
        .filter((l) => l === `${node.name} Ready`),
    ).toHaveLength(1);
    await nodeDocker(manager, 'node', 'rm', '--force', oldId);
  });
});

describe('a node that stops', () => {
  it('goes down in the watch, and its tasks are rescheduled on the others', async () => {
    const lost = cluster.workers[0]!;
    await call(app, 'swarm.createService', spec('survivor', 3));
    await poll(async () => new Set(await runningTasks('survivor')).size, ENGINE_MS).toBe(3);
    const watch = follow<SwarmWatchLine>(app, 'swarm.watch', []);
    try {
      await poll(() => watchedNodes(watch.lines).size).toBeGreaterThanOrEqual(3);
      const pid = Number((await readFile(join(lost.dir, 'dockerd.pid'), 'utf8')).trim());
      // A clean stop (its containers stopped with it), as a machine shutting down does.
      await terminateProcess(pid, systemClock, { graceMs: ENGINE_MS, killMs: 10_000 });
      const lostRow = () =>
        [...watchedNodes(watch.lines).values()].find(
          (n) => n.hostname === lost.name && n.status !== 'unknown',
        );
      // The manager calls a node down after a few missed heartbeats (5 s apart).
      await poll(() => lostRow()?.status, ENGINE_MS).toBe('down');
      await poll(async () => {
        const nodes = await runningTasks('survivor');
        return nodes.length === 3 && !nodes.includes(lost.name);
      }, ENGINE_MS).toBe(true);
      const tasks = await call<SwarmTaskRow[]>(app, 'swarm.tasks', { service: 'survivor' });
      expect(
        tasks
          .filter((t) => t.desiredState === 'running')
          .every((t) => t.nodeHostname !== lost.name),
      ).toBe(true);
    } finally {
      watch.close();
      await call(app, 'swarm.removeService', 'survivor');
    }
  });
});
