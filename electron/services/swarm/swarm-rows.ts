// The engine's Swarm objects as the page's rows, in the words `docker node
// ls`, `docker service ls` and `docker service ps` use. Pure: fed the JSON the
// engine answered, so every rule has a unit test.
import { STACK_NAMESPACE } from '../../contract/swarm-channels.ts';
import type {
  NodeAvailability,
  NodeRole,
  PublishedPort,
  SwarmNodeRow,
  SwarmServiceRow,
  SwarmTaskRow,
} from '../../contract/swarm-types.ts';

export interface EngineNode {
  ID: string;
  Version?: { Index?: number };
  Spec?: { Labels?: Record<string, string> | null; Role?: string; Availability?: string };
  Description?: { Hostname?: string; Engine?: { EngineVersion?: string } };
  Status?: { State?: string; Message?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean; Reachability?: string; Addr?: string } | null;
}

export interface EngineServiceSpec {
  Name?: string;
  Labels?: Record<string, string> | null;
  TaskTemplate?: {
    ContainerSpec?: { Image?: string; [key: string]: unknown };
    Placement?: { Constraints?: string[] | null; [key: string]: unknown };
    [key: string]: unknown;
  };
  Mode?: { Replicated?: { Replicas?: number }; Global?: object };
  EndpointSpec?: { Ports?: EnginePort[] | null; [key: string]: unknown };
  [key: string]: unknown;
}

interface EnginePort {
  Protocol?: string;
  TargetPort?: number;
  PublishedPort?: number;
  PublishMode?: string;
}

export interface EngineService {
  ID: string;
  Version?: { Index?: number };
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: EngineServiceSpec;
  PreviousSpec?: EngineServiceSpec;
  Endpoint?: { Ports?: EnginePort[] | null };
  UpdateStatus?: { State?: string; StartedAt?: string; CompletedAt?: string; Message?: string };
  ServiceStatus?: { RunningTasks?: number; DesiredTasks?: number };
}

export interface EngineTask {
  ID: string;
  ServiceID?: string;
  Slot?: number;
  NodeID?: string;
  DesiredState?: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: {
    Timestamp?: string;
    State?: string;
    Message?: string;
    Err?: string;
    ContainerStatus?: { ContainerID?: string };
  };
}

const ROLES: readonly string[] = ['manager', 'worker'];
const AVAILABILITIES: readonly string[] = ['active', 'pause', 'drain'];

export function toNodeRow(node: EngineNode, selfId: string): SwarmNodeRow {
  const manager = node.ManagerStatus ?? undefined;
  const role = node.Spec?.Role ?? 'worker';
  const availability = node.Spec?.Availability ?? 'active';
  return {
    id: node.ID,
    hostname: node.Description?.Hostname ?? '',
    role: (ROLES.includes(role) ? role : 'worker') as NodeRole,
    availability: (AVAILABILITIES.includes(availability)
      ? availability
      : 'active') as NodeAvailability,
    status: node.Status?.State ?? 'unknown',
    ...(node.Status?.Message ? { statusMessage: node.Status.Message } : {}),
    engineVersion: node.Description?.Engine?.EngineVersion ?? '',
    labels: { ...(node.Spec?.Labels ?? {}) },
    leader: manager?.Leader === true,
    ...(manager?.Reachability ? { reachability: manager.Reachability } : {}),
    // A manager's own address carries its port; a worker's Status.Addr is the host alone.
    address: manager?.Addr ?? node.Status?.Addr ?? '',
    self: node.ID === selfId,
  };
}

function portsOf(service: EngineService): PublishedPort[] {
  // The endpoint has the ports the engine actually published (a port left to it is filled in).
  const ports = service.Endpoint?.Ports ?? service.Spec?.EndpointSpec?.Ports ?? [];
  return ports.map((p) => ({
    ...(p.PublishedPort ? { published: p.PublishedPort } : {}),
    target: p.TargetPort ?? 0,
    protocol: p.Protocol ?? 'tcp',
    mode: p.PublishMode ?? 'ingress',
  }));
}

export function toServiceRow(service: EngineService): SwarmServiceRow {
  const spec = service.Spec ?? {};
  const global = spec.Mode?.Global !== undefined;
  const update = service.UpdateStatus;
  const labels = { ...(spec.Labels ?? {}) };
  const stack = labels[STACK_NAMESPACE];
  return {
    id: service.ID,
    name: spec.Name ?? service.ID.slice(0, 12),
    image: spec.TaskTemplate?.ContainerSpec?.Image ?? '',
    mode: global ? 'global' : 'replicated',
    running: service.ServiceStatus?.RunningTasks ?? 0,
    desired: service.ServiceStatus?.DesiredTasks ?? spec.Mode?.Replicated?.Replicas ?? 0,
    ports: portsOf(service),
    ...(update?.State
      ? {
          update: {
            state: update.State,
            message: update.Message ?? '',
            ...(update.StartedAt ? { startedAt: update.StartedAt } : {}),
            ...(update.CompletedAt ? { completedAt: update.CompletedAt } : {}),
          },
        }
      : {}),
    ...(stack ? { stack } : {}),
    labels,
    constraints: [...(spec.TaskTemplate?.Placement?.Constraints ?? [])],
    createdAt: service.CreatedAt ?? '',
    updatedAt: service.UpdatedAt ?? '',
  };
}

export interface TaskNames {
  /** Service id to name and mode. */
  service(id: string): { name: string; global: boolean } | undefined;
  /** Node id to hostname. */
  node(id: string): string | undefined;
}

export function toTaskRow(task: EngineTask, names: TaskNames): SwarmTaskRow {
  const serviceId = task.ServiceID ?? '';
  const service = names.service(serviceId);
  const serviceName = service?.name ?? serviceId.slice(0, 12);
  const nodeId = task.NodeID ?? '';
  const status = task.Status ?? {};
  const slot = task.Slot && !service?.global ? task.Slot : undefined;
  const containerId = status.ContainerStatus?.ContainerID;
  return {
    id: task.ID,
    serviceId,
    serviceName,
    ...(slot !== undefined ? { slot } : {}),
    name: slot !== undefined ? `${serviceName}.${slot}` : `${serviceName}.${nodeId}`,
    nodeId,
    nodeHostname: nodeId ? (names.node(nodeId) ?? '') : '',
    desiredState: task.DesiredState ?? '',
    state: status.State ?? '',
    message: status.Message ?? '',
    error: status.Err ?? '',
    image: task.Spec?.ContainerSpec?.Image ?? '',
    ...(containerId ? { containerId } : {}),
    createdAt: task.CreatedAt ?? '',
    updatedAt: status.Timestamp ?? task.UpdatedAt ?? '',
  };
}
