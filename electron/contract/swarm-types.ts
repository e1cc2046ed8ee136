// The rows and states the Swarm page shows: the engine's own Swarm objects
// (`/info`'s Swarm, `/nodes`, `/services`, `/tasks`) in the words of
// `docker node ls`, `docker service ls` and `docker service ps`.
import type { ResourceDelta } from './mirror-types.ts';
import type { ServiceMode } from './swarm-service-spec.ts';

/**
 * Where the engine shown stands in a swarm. `manager`: it can show and change
 * the cluster; `worker`: it runs tasks but cannot (its managers are listed);
 * `inactive`: in no swarm; `pending`, `locked` and `error` as the engine says.
 */
export type SwarmState = 'inactive' | 'pending' | 'manager' | 'worker' | 'locked' | 'error';

export interface SwarmManagerAddress {
  nodeId: string;
  /** `10.0.0.11:2377`: where other nodes reach that manager. */
  address: string;
}

export interface SwarmStatus {
  state: SwarmState;
  /** This engine's node id; '' outside a swarm. */
  nodeId: string;
  /** This node's address in the swarm; '' outside a swarm. */
  nodeAddress: string;
  clusterId?: string;
  /** The managers this node knows (a worker's way to them). */
  managers: SwarmManagerAddress[];
  /** Nodes and managers in the cluster (managers only know). */
  nodeCount?: number;
  managerCount?: number;
  /** The engine's own words for `error` (and for a node that failed to join). */
  error?: string;
}

export interface SwarmInitSpec {
  /** `--advertise-addr`: an address or interface; the engine picks when absent (and fails if it cannot). */
  advertiseAddr?: string;
}

export interface SwarmJoinSpec {
  token: string;
  /** A manager's address (`10.0.0.11:2377`). */
  remoteAddr: string;
  advertiseAddr?: string;
}

export interface SwarmJoinTokens {
  worker: string;
  manager: string;
  /** This manager's address, for `docker swarm join --token TOKEN ADDRESS`. */
  address: string;
}

export type NodeRole = 'manager' | 'worker';
export type NodeAvailability = 'active' | 'pause' | 'drain';

export interface SwarmNodeRow {
  id: string;
  hostname: string;
  role: NodeRole;
  availability: NodeAvailability;
  /** `ready`, `down`, `unknown` or `disconnected`, as the engine says. */
  status: string;
  /** Why, when the engine says (a down node's "heartbeat failure"). */
  statusMessage?: string;
  engineVersion: string;
  /** The node's own labels (`docker node update --label-add`), which constraints read. */
  labels: Record<string, string>;
  /** Managers only: the Raft leader, and whether the others reach it. */
  leader: boolean;
  reachability?: string;
  /** Its address (a manager's: where the others reach it). */
  address: string;
  /** The engine shown runs on this node (`docker node ls` marks it `*`). */
  self: boolean;
}

export interface PublishedPort {
  published?: number;
  target: number;
  protocol: string;
  /** `ingress` (the routing mesh, every node) or `host`. */
  mode: string;
}

export interface ServiceUpdateStatus {
  /** `updating`, `paused`, `completed`, `rollback_started`, `rollback_paused`, `rollback_completed`. */
  state: string;
  message: string;
  startedAt?: string;
  completedAt?: string;
}

export interface SwarmServiceRow {
  id: string;
  name: string;
  /** As the spec has it, digest included when the CLI pinned one. */
  image: string;
  mode: ServiceMode;
  /** Tasks running, and wanted (a global service: one per eligible node). */
  running: number;
  desired: number;
  ports: PublishedPort[];
  update?: ServiceUpdateStatus;
  /** `com.docker.stack.namespace`: the stack it belongs to. */
  stack?: string;
  labels: Record<string, string>;
  constraints: string[];
  createdAt: string;
  updatedAt: string;
}

export interface SwarmTaskRow {
  id: string;
  serviceId: string;
  serviceName: string;
  /** Replicated services number their tasks 1, 2, 3…; global ones have none. */
  slot?: number;
  /** `web.1` (replicated) or `web.<node id>` (global), as `docker service ps` names it. */
  name: string;
  nodeId: string;
  /** '' until the task is placed, or when its node is gone. */
  nodeHostname: string;
  desiredState: string;
  state: string;
  /** The engine's words for the state ("started", "no suitable node (…)"). */
  message: string;
  /** Why it failed ("No such image: …"); empty when it did not. */
  error: string;
  image: string;
  containerId?: string;
  createdAt: string;
  /** When the state last changed. */
  updatedAt: string;
}

export interface SwarmStackRow {
  name: string;
  services: number;
}

/** What `swarm.watch` sends, one JSON line each. */
export type SwarmWatchLine =
  | { kind: 'status'; status: SwarmStatus }
  | { kind: 'nodes'; delta: ResourceDelta<SwarmNodeRow> }
  | { kind: 'services'; delta: ResourceDelta<SwarmServiceRow> }
  /** A list could not be read (the stream goes on; the next event or tick tries again). */
  | { kind: 'error'; message: string };

/** What `swarm.tasks` sends, one JSON line each. */
export type SwarmTasksLine =
  { kind: 'tasks'; delta: ResourceDelta<SwarmTaskRow> } | { kind: 'error'; message: string };

/** One line of a service's logs, with the task and node it came from. */
export interface ServiceLogLine {
  stream: 'stdout' | 'stderr';
  ts: string;
  text: string;
  /** `web.1.abcdefghijkl` (`docker service logs` names a task so). */
  task: string;
  taskId: string;
  /** The node's hostname ('' when unknown). */
  node: string;
  part?: true;
}
