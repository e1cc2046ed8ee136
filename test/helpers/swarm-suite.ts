// What the Swarm suites share: the app's services on a node of a swarm
// (swarm-cluster.ts), calls and streams through its dispatcher as a renderer
// makes them, the lines of the watches folded as a page folds them, and the
// docker CLI's view of services and tasks.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import { LineSplitter } from '../../electron/contract/line-splitter.ts';
import type { ServiceCreateSpec } from '../../electron/contract/swarm-service-spec.ts';
import type { SwarmTasksLine, SwarmWatchLine } from '../../electron/contract/swarm-types.ts';
import {
  applySwarmTasksLine,
  applySwarmWatchLine,
  emptySwarmView,
  emptyTasksView,
} from '../../electron/contract/swarm-view.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { SettingsFile } from '../../electron/services/settings.ts';
import { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { busyboxImage } from './busybox-image.ts';
import { nodeDocker, type EngineNode } from './netns-nodes.ts';

/** A task that ends at once on SIGTERM (a shell as PID 1 ignores it otherwise). */
export const LOOP = ['sh', '-c', "trap 'exit 0' TERM; while sleep 1; do :; done"];

/** The app's services shown a node's engine (settings in `scratch`); the caller disposes them. */
export async function swarmAppServices(
  node: EngineNode,
  scratch: string,
): Promise<{ services: AppServices; dispatcher: Dispatcher }> {
  const services = createAppServices({
    mode: node.host,
    discover: async () => [],
    managed: null,
    noEngineAdvice: 'Install docker.io.',
    settings: new SettingsFile(await mkdtemp(join(scratch, 'settings-'))),
  });
  await services.manager.init();
  return { services, dispatcher: new Dispatcher(services) };
}

export async function call<T>(
  dispatcher: Dispatcher,
  channel: string,
  ...args: unknown[]
): Promise<T> {
  const reply = await dispatcher.call(channel, args);
  if (!reply.ok) throw new Error(`${channel} failed: ${JSON.stringify(reply.error)}`);
  return reply.value as T;
}

export async function refusal(dispatcher: Dispatcher, channel: string, ...args: unknown[]) {
  const reply = await dispatcher.call(channel, args);
  if (reply.ok) throw new Error(`${channel} was expected to fail`);
  return reply.error;
}

/** A stream of JSON lines as the renderer opens it; `lines` grows as they come. */
export function follow<T>(dispatcher: Dispatcher, channel: string, args: unknown[]) {
  const lines: T[] = [];
  const splitter = new LineSplitter();
  let ended: ErrorEnvelope | 'ended' | undefined;
  const control = dispatcher.openStream(channel, args, {
    data: (bytes) => {
      for (const line of splitter.push(bytes)) if (line) lines.push(JSON.parse(line) as T);
      control.ack(bytes.byteLength);
    },
    end: (error) => (ended = error ?? 'ended'),
  });
  return { lines, close: () => control.cancel(), ended: () => ended };
}

/** The rows the lines leave, folded as a page folds them (swarm-view.ts). */
const watched = (lines: SwarmWatchLine[]) => lines.reduce(applySwarmWatchLine, emptySwarmView);
const byId = <T>(rows: Record<string, T>) => new Map(Object.entries(rows));
export const watchedNodes = (lines: SwarmWatchLine[]) => byId(watched(lines).nodes.byId);
export const watchedServices = (lines: SwarmWatchLine[]) => byId(watched(lines).services.byId);
export const watchedTasks = (lines: SwarmTasksLine[]) =>
  byId(lines.reduce(applySwarmTasksLine, emptyTasksView).tasks.byId);

/** `docker service ps`'s running tasks of a service: node hostname per task. */
export async function tasksRunningOn(manager: EngineNode, service: string): Promise<string[]> {
  const out = await nodeDocker(
    manager,
    'service',
    'ps',
    service,
    '--filter',
    'desired-state=running',
    '--format',
    '{{.Node}} {{.CurrentState}}',
  );
  return out
    .split('\n')
    .filter((l) => l.includes(' Running'))
    .map((l) => l.split(' ')[0]!);
}

export interface InspectedSpec {
  Labels: Record<string, string>;
  Mode: { Replicated: { Replicas: number } };
  TaskTemplate: {
    ContainerSpec: { Image: string; Args: string[]; Env: string[]; Mounts: unknown[] };
    Placement: { Constraints: string[] };
  };
  EndpointSpec: { Ports: { TargetPort: number; Protocol: string }[] };
}

export async function inspectServiceOn(manager: EngineNode, name: string) {
  return JSON.parse(await nodeDocker(manager, 'service', 'inspect', name))[0] as {
    ID: string;
    Spec: InspectedSpec;
    UpdateStatus?: { State: string };
  };
}

/** What two services made the same way share (ids, names, versions and dates aside). */
export function comparableSpec(service: { Spec: InspectedSpec }) {
  const { Spec: s } = service;
  return {
    container: {
      image: s.TaskTemplate.ContainerSpec.Image,
      args: s.TaskTemplate.ContainerSpec.Args,
      env: s.TaskTemplate.ContainerSpec.Env,
      mounts: s.TaskTemplate.ContainerSpec.Mounts,
    },
    constraints: s.TaskTemplate.Placement.Constraints,
    labels: s.Labels,
    mode: s.Mode,
    ports: s.EndpointSpec.Ports.map((p) => [p.TargetPort, p.Protocol]),
  };
}

export function spec(name: string, replicas: number, more: Partial<ServiceCreateSpec> = {}) {
  return {
    image: busyboxImage,
    name,
    command: LOOP,
    env: [],
    ports: [],
    volumes: [],
    mode: 'replicated',
    replicas,
    constraints: [],
    labels: {},
    ...more,
  } satisfies ServiceCreateSpec;
}

/**
 * The engine watches each updated task for 5 s by default before it calls an
 * update (or rollback) done, and the CLI waits that out after each change: 1 s here.
 */
export async function shortenUpdateMonitors(node: EngineNode, service: string): Promise<void> {
  await nodeDocker(
    node,
    'service',
    'update',
    '--detach',
    '--update-monitor',
    '1s',
    '--rollback-monitor',
    '1s',
    service,
  );
}

/** A compose file for `docker stack deploy`: one service `web` of busybox LOOPs. */
export async function writeStackFile(file: string, replicas = 2): Promise<void> {
  await writeFile(
    file,
    [
      'version: "3.8"',
      'services:',
      '  web:',
      `    image: ${busyboxImage}`,
      `    command: ${JSON.stringify(LOOP)}`,
      '    deploy:',
      `      replicas: ${replicas}`,
      '',
    ].join('\n'),
  );
}
