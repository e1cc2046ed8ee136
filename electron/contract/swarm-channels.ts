// The Swarm domain of the contract: the shown engine's place in a swarm,
// init/join/leave, and (on a manager) its nodes, services, tasks, stacks and
// service logs. Management calls on a worker fail with a `bad-request` that
// says it is a worker and which manager to use instead.
//
// Live state: the engine sends `node` and `service` events but none for tasks,
// so nodes and services come as deltas from `swarm.watch` (kept by events
// while it is open), and tasks from `swarm.watchTasks` (listed every second
// while it is open, and on each service event). Neither reads anything once
// the page that opened it closes.
import { z } from 'zod';
import { hostPath } from './image-build-channels.ts';
import { imageRef } from './refs.ts';
import { serviceCreateSpec, type ServiceCreateSpec } from './swarm-service-spec.ts';
import {
  replicaCount,
  serviceRef,
  stackName,
  swarmAddress,
  swarmJoinToken,
  swarmLabelKey,
  swarmLabelValue,
  swarmNodeRef,
} from './swarm-refs.ts';
import type {
  NodeAvailability,
  NodeRole,
  SwarmInitSpec,
  SwarmJoinSpec,
  SwarmJoinTokens,
  SwarmNodeRow,
  SwarmServiceRow,
  SwarmStackRow,
  SwarmStatus,
  SwarmTaskRow,
} from './swarm-types.ts';

export interface NodeLabelChange {
  add: Record<string, string>;
  remove: string[];
}

export interface StackRemoval {
  services: string[];
  networks: string[];
  secrets: string[];
  configs: string[];
}

export interface StackDeployRequest {
  name: string;
  /** The compose file, an absolute path on Berth's machine. */
  file: string;
}

export interface StackCliInfo {
  /** The docker CLI's version, when one that has `stack deploy` is on Berth's machine. */
  version: string | null;
  hint: string;
}

export interface TaskQuery {
  /** One service's tasks; every task of the swarm when absent. */
  service?: string;
}

export interface ServiceLogQuery {
  service: string;
  follow: boolean;
  /** The last N lines of each task. */
  tail?: number;
  /** Unix seconds with up to 9 decimals. */
  since?: string;
}

export interface SwarmCalls {
  'swarm.status': { args: []; result: SwarmStatus };
  /** `docker swarm init`: the engine shown becomes a one-node swarm's manager. */
  'swarm.init': { args: [spec: SwarmInitSpec]; result: SwarmStatus };
  /** `docker swarm join --token TOKEN ADDRESS`. */
  'swarm.join': { args: [spec: SwarmJoinSpec]; result: SwarmStatus };
  /** `docker swarm leave [--force]` (a manager needs force). */
  'swarm.leave': { args: [opts: { force: boolean }]; result: void };
  'swarm.joinTokens': { args: []; result: SwarmJoinTokens };
  /** `docker node ls`, once (the page follows `swarm.watch` instead). */
  'swarm.nodes': { args: []; result: SwarmNodeRow[] };
  /** `docker node update --availability …`. */
  'swarm.nodeAvailability': {
    args: [node: string, availability: NodeAvailability];
    result: void;
  };
  /** `docker node promote` / `demote`. */
  'swarm.nodeRole': { args: [node: string, role: NodeRole]; result: void };
  /** `docker node update --label-add K=V --label-rm K`. */
  'swarm.nodeLabels': { args: [node: string, change: NodeLabelChange]; result: void };
  /** `docker service ls`, once. */
  'swarm.services': { args: []; result: SwarmServiceRow[] };
  'swarm.createService': { args: [spec: ServiceCreateSpec]; result: { id: string } };
  /** `docker service scale NAME=N`; refused for a global service. */
  'swarm.scaleService': { args: [service: string, replicas: number]; result: void };
  /** `docker service update --image IMAGE NAME`: a rolling update (its progress shows in the row's `update` and the tasks). */
  'swarm.updateImage': { args: [service: string, image: string]; result: void };
  /** `docker service rollback NAME`: back to the spec before the last update. */
  'swarm.rollbackService': { args: [service: string]; result: void };
  'swarm.removeService': { args: [service: string]; result: void };
  /** `docker service ps`, once. */
  'swarm.tasks': { args: [query: TaskQuery]; result: SwarmTaskRow[] };
  /** `docker stack ls`: services grouped by `com.docker.stack.namespace`. */
  'swarm.stacks': { args: []; result: SwarmStackRow[] };
  /** `docker stack rm NAME`: its services, then networks, secrets and configs. */
  'swarm.removeStack': { args: [name: string]; result: StackRemoval };
  /** `docker stack deploy -c FILE NAME`, through the docker CLI on Berth's machine; its output. */
  'swarm.deployStack': { args: [request: StackDeployRequest]; result: { output: string } };
  /** Whether Berth's machine has a docker CLI that deploys stacks. */
  'swarm.stackCli': { args: []; result: StackCliInfo };
}

export interface SwarmStreams {
  /** SwarmWatchLines: the status, then nodes and services as snapshots and deltas, until cancelled. */
  'swarm.watch': { args: [] };
  /** SwarmTasksLines: tasks as a snapshot and deltas, refreshed every second and on service events. */
  'swarm.watchTasks': { args: [query: TaskQuery] };
  /** `docker service logs -t --details`: ServiceLogLines, each with its task and node. */
  'swarm.serviceLogs': { args: [query: ServiceLogQuery] };
}

const labelChange = z.strictObject({
  add: z
    .record(swarmLabelKey, swarmLabelValue)
    .refine((r) => Object.keys(r).length <= 100, 'At most 100 labels at once'),
  remove: z.array(swarmLabelKey).max(100),
}) satisfies z.ZodType<NodeLabelChange>;

const initSpec = z.strictObject({
  advertiseAddr: swarmAddress.optional(),
}) satisfies z.ZodType<SwarmInitSpec>;

const joinSpec = z.strictObject({
  token: swarmJoinToken,
  remoteAddr: swarmAddress,
  advertiseAddr: swarmAddress.optional(),
}) satisfies z.ZodType<SwarmJoinSpec>;

const taskQuery = z.strictObject({ service: serviceRef.optional() }) satisfies z.ZodType<TaskQuery>;

const MAX_LOG_TAIL = 20_000;

const serviceLogQuery = z.strictObject({
  service: serviceRef,
  follow: z.boolean(),
  tail: z.number().int().min(0).max(MAX_LOG_TAIL).optional(),
  since: z
    .string()
    .regex(/^\d{1,12}(\.\d{1,9})?$/, 'not unix seconds')
    .optional(),
}) satisfies z.ZodType<ServiceLogQuery>;

export const swarmCallArgs: { [K in keyof SwarmCalls]: z.ZodType<SwarmCalls[K]['args']> } = {
  'swarm.status': z.tuple([]),
  'swarm.init': z.tuple([initSpec]),
  'swarm.join': z.tuple([joinSpec]),
  'swarm.leave': z.tuple([z.strictObject({ force: z.boolean() })]),
  'swarm.joinTokens': z.tuple([]),
  'swarm.nodes': z.tuple([]),
  'swarm.nodeAvailability': z.tuple([swarmNodeRef, z.enum(['active', 'pause', 'drain'])]),
  'swarm.nodeRole': z.tuple([swarmNodeRef, z.enum(['manager', 'worker'])]),
  'swarm.nodeLabels': z.tuple([swarmNodeRef, labelChange]),
  'swarm.services': z.tuple([]),
  'swarm.createService': z.tuple([serviceCreateSpec]),
  'swarm.scaleService': z.tuple([serviceRef, replicaCount]),
  'swarm.updateImage': z.tuple([serviceRef, imageRef]),
  'swarm.rollbackService': z.tuple([serviceRef]),
  'swarm.removeService': z.tuple([serviceRef]),
  'swarm.tasks': z.tuple([taskQuery]),
  'swarm.stacks': z.tuple([]),
  'swarm.removeStack': z.tuple([stackName]),
  'swarm.deployStack': z.tuple([z.strictObject({ name: stackName, file: hostPath })]),
  'swarm.stackCli': z.tuple([]),
};

export const swarmStreamArgs: {
  [K in keyof SwarmStreams]: z.ZodType<SwarmStreams[K]['args']>;
} = {
  'swarm.watch': z.tuple([]),
  'swarm.watchTasks': z.tuple([taskQuery]),
  'swarm.serviceLogs': z.tuple([serviceLogQuery]),
};

/** The label `docker stack deploy` puts on everything of a stack. */
export const STACK_NAMESPACE = 'com.docker.stack.namespace';

export const STACK_CLI_HINT =
  'Deploying a stack needs the docker CLI on the machine Berth runs on ("docker stack deploy"). ' +
  'Install Docker\'s CLI (Debian: "sudo apt install docker.io"); Berth still lists and removes stacks without it.';
