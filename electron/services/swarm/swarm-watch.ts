// `swarm.watch`: while the Swarm page is open, its nodes and services as
// snapshots and deltas. Each list is a resource mirror (mirror/resource-
// mirror.ts) fed by the connection's one `/events` subscription: a `node` or
// `service` event re-reads that row. Mirrors live with the watch rather than
// with the connection because most engines are in no swarm (their `/nodes`
// answers 503), and no one needs these lists when no page shows them.
// Running-task counts change with no event at all (tasks have none), so the
// services are re-read once a second while the watch is open; only rows that
// changed go out.
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type {
  SwarmNodeRow,
  SwarmServiceRow,
  SwarmStatus,
  SwarmWatchLine,
} from '../../contract/swarm-types.ts';
import type { EventRing } from '../events/event-ring.ts';
import { ResourceMirror } from '../mirror/resource-mirror.ts';
import { jsonLines } from './json-lines.ts';
import { listNodes } from './node-actions.ts';
import { listServices } from './service-actions.ts';
import { readSwarmStatus } from './swarm-status.ts';

export interface SwarmWatchDeps {
  engineId: string;
  calls: Docker;
  events: EventRing;
  /** How often running counts are re-read; 1 s. */
  tickMs?: number;
}

export function openSwarmWatch(deps: SwarmWatchDeps): Readable {
  let nodes: ResourceMirror<SwarmNodeRow> | null = null;
  let services: ResourceMirror<SwarmServiceRow> | null = null;
  let tick: ReturnType<typeof setInterval> | undefined;
  let status: SwarmStatus | null = null;
  let statusCheck: Promise<void> | null = null;
  let lastError = '';
  const stopMirrors = () => {
    clearInterval(tick);
    nodes?.dispose();
    services?.dispose();
    nodes = services = null;
  };
  const unsubscribe = deps.events.subscribe(({ entry }) => {
    if (entry.type === 'node') {
      if (entry.action === 'remove') nodes?.remove(entry.actorId);
      else nodes?.touch(entry.actorId);
      // A promotion, a new leader or a node joining changes the counts and managers.
      void checkStatus();
    } else if (entry.type === 'service') {
      if (entry.action === 'remove') services?.remove(entry.actorId);
      else services?.touch(entry.actorId);
    }
  });
  const out = jsonLines(() => {
    unsubscribe();
    stopMirrors();
  });
  const send = (line: SwarmWatchLine) => out.send(line);
  const onError = (message: string) => {
    // The same failure every second is said once.
    if (message !== lastError) send({ kind: 'error', message });
    lastError = message;
    void checkStatus();
  };
  const startMirrors = () => {
    const common = { engineId: deps.engineId, onError };
    // A list that failed its first read is read whole again on the next tick, so the page gets its reset.
    const listed = { nodes: false, services: false };
    nodes = new ResourceMirror<SwarmNodeRow>({
      ...common,
      noun: 'swarm nodes',
      source: { list: (ids) => listNodes(deps.calls, ids) },
      onDelta: (delta) => {
        if (delta.reset) listed.nodes = true;
        send({ kind: 'nodes', delta });
      },
    });
    services = new ResourceMirror<SwarmServiceRow>({
      ...common,
      noun: 'swarm services',
      source: { list: (ids) => listServices(deps.calls, ids) },
      onDelta: (delta) => {
        lastError = '';
        if (delta.reset) listed.services = true;
        send({ kind: 'services', delta });
      },
    });
    void nodes.heal();
    void services.heal();
    tick = setInterval(() => {
      if (!listed.nodes) void nodes?.heal();
      if (listed.services) services?.touchAll();
      else void services?.heal();
    }, deps.tickMs ?? 1000);
  };
  /** Re-reads the status; sends it when it changed, starting or stopping the lists with it. */
  const checkStatus = (): Promise<void> => {
    statusCheck ??= readSwarmStatus(deps.calls)
      .then((next) => {
        if (out.closed || JSON.stringify(next) === JSON.stringify(status)) return;
        const wasManager = status?.state === 'manager';
        status = next;
        send({ kind: 'status', status: next });
        if (next.state === 'manager' && !wasManager) startMirrors();
        if (next.state !== 'manager' && wasManager) stopMirrors();
      })
      .catch((err: unknown) => onError(`Couldn't read the swarm state: ${(err as Error).message}`))
      .finally(() => {
        statusCheck = null;
      });
    return statusCheck;
  };
  void checkStatus();
  return out.stream;
}
