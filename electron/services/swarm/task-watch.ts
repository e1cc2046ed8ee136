// `swarm.watchTasks` and `swarm.tasks`: a service's tasks (or the swarm's),
// with their node's hostname and their service's name. The engine sends no
// task events, so a watch re-lists once a second while it is open, and at
// once on each service event (an update or scale starts new tasks); the
// resource mirror sends only what changed. Names of nodes and services are
// kept in a cache read again when an event says they changed or a task names
// one it does not hold.
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type { TaskQuery } from '../../contract/swarm-channels.ts';
import type { SwarmTaskRow, SwarmTasksLine } from '../../contract/swarm-types.ts';
import type { EventRing } from '../events/event-ring.ts';
import { ResourceMirror } from '../mirror/resource-mirror.ts';
import { jsonLines } from './json-lines.ts';
import { engineRequest } from './swarm-engine.ts';
import {
  toTaskRow,
  type EngineNode,
  type EngineService,
  type EngineTask,
  type TaskNames,
} from './swarm-rows.ts';
import { asManager } from './swarm-status.ts';

/** Node hostnames and service names, read when missing or said to be stale. */
export class SwarmNames implements TaskNames {
  readonly #docker: Docker;
  #nodes = new Map<string, string>();
  #services = new Map<string, { name: string; global: boolean }>();
  #stale = true;

  constructor(docker: Docker) {
    this.#docker = docker;
  }

  invalidate(): void {
    this.#stale = true;
  }

  /** Reads the names again when stale or when one of these ids is unknown. */
  async refresh(nodeIds: string[], serviceIds: string[]): Promise<void> {
    const missing =
      nodeIds.some((id) => id && !this.#nodes.has(id)) ||
      serviceIds.some((id) => id && !this.#services.has(id));
    if (!this.#stale && !missing) return;
    this.#stale = false;
    const [nodes, services] = await Promise.all([
      engineRequest<EngineNode[]>(this.#docker, { method: 'GET', path: '/nodes' }),
      engineRequest<EngineService[]>(this.#docker, { method: 'GET', path: '/services' }),
    ]);
    this.#nodes = new Map(nodes.map((n) => [n.ID, n.Description?.Hostname ?? '']));
    this.#services = new Map(
      services.map((s) => [
        s.ID,
        { name: s.Spec?.Name ?? s.ID.slice(0, 12), global: s.Spec?.Mode?.Global !== undefined },
      ]),
    );
  }

  node(id: string): string | undefined {
    return this.#nodes.get(id);
  }

  service(id: string): { name: string; global: boolean } | undefined {
    return this.#services.get(id);
  }
}

/** `docker service ps [SERVICE]`: every task the engine still keeps, newest state first per slot. */
export async function listTasks(
  docker: Docker,
  query: TaskQuery,
  names: SwarmNames,
): Promise<SwarmTaskRow[]> {
  return asManager(docker, async () => {
    const tasks = await engineRequest<EngineTask[]>(docker, {
      method: 'GET',
      path: '/tasks',
      ...(query.service
        ? { query: { filters: JSON.stringify({ service: [query.service] }) } }
        : {}),
    });
    await names.refresh(
      tasks.map((t) => t.NodeID ?? ''),
      tasks.map((t) => t.ServiceID ?? ''),
    );
    return tasks.map((t) => toTaskRow(t, names));
  });
}

export interface TaskWatchDeps {
  engineId: string;
  calls: Docker;
  events: EventRing;
  /** How often tasks are re-listed; 1 s. */
  tickMs?: number;
}

export function openTaskWatch(deps: TaskWatchDeps, query: TaskQuery): Readable {
  const names = new SwarmNames(deps.calls);
  let lastError = '';
  // Until a first list succeeds (the service may not exist yet), each tick tries the whole list again.
  let listed = false;
  const send = (line: SwarmTasksLine) => out.send(line);
  const tasks = new ResourceMirror<SwarmTaskRow>({
    engineId: deps.engineId,
    noun: 'swarm tasks',
    source: { list: () => listTasks(deps.calls, query, names) },
    onDelta: (delta) => {
      lastError = '';
      if (delta.reset) listed = true;
      send({ kind: 'tasks', delta });
    },
    onError: (message) => {
      if (message !== lastError) send({ kind: 'error', message });
      lastError = message;
    },
  });
  const relist = () => (listed ? tasks.touchAll() : void tasks.heal());
  const unsubscribe = deps.events.subscribe(({ entry }) => {
    if (entry.type === 'service') {
      names.invalidate();
      relist();
    } else if (entry.type === 'node') names.invalidate();
  });
  const tick = setInterval(relist, deps.tickMs ?? 1000);
  const out = jsonLines(() => {
    clearInterval(tick);
    unsubscribe();
    tasks.dispose();
  });
  void tasks.heal();
  return out.stream;
}
