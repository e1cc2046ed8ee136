// `swarm.serviceLogs`: `docker service logs -t --details`, every task's lines
// in one stream, each with its task and node. With `details` the engine puts
// the line's attributes before its text (`k=v,k=v TEXT`, each part
// query-escaped): the swarm's node, service and task ids. The task's name
// (`web.1.<id>`) and the node's hostname come from the engine's lists, read
// at the start and again when a line names a task or node not yet known.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { ServiceLogQuery } from '../../contract/swarm-channels.ts';
import type { ServiceLogLine } from '../../contract/swarm-types.ts';
import type { LogLine } from '../../contract/container-logs-channels.ts';
import { LogDecoder } from '../containers/log-decoder.ts';
import { jsonLines } from './json-lines.ts';
import { engineRequest, engineStream } from './swarm-engine.ts';
import type { EngineService, EngineTask } from './swarm-rows.ts';
import { SwarmNames } from './task-watch.ts';
import { asManager } from './swarm-status.ts';

const NODE_ID = 'com.docker.swarm.node.id';
const TASK_ID = 'com.docker.swarm.task.id';

function unescape(part: string): string {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

/** `k=v,k=v TEXT` into the attributes and the text. */
export function splitDetails(text: string): { attrs: Record<string, string>; text: string } {
  const space = text.indexOf(' ');
  if (space < 0) return { attrs: {}, text };
  const attrs: Record<string, string> = {};
  for (const pair of text.slice(0, space).split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) attrs[unescape(pair.slice(0, eq))] = unescape(pair.slice(eq + 1));
  }
  return { attrs, text: text.slice(space + 1) };
}

/** The task names `docker service logs` prints: `web.1.<12 of its id>` (global: `web.<node id>.<id>`). */
class TaskNames {
  readonly #docker: Docker;
  readonly #serviceId: string;
  readonly #serviceName: string;
  #slots = new Map<string, string>();
  #lastRead = 0;

  constructor(docker: Docker, serviceId: string, serviceName: string) {
    this.#docker = docker;
    this.#serviceId = serviceId;
    this.#serviceName = serviceName;
  }

  async refresh(taskId: string): Promise<void> {
    // A line of a task not yet known: read the tasks again, at most once a second.
    if (this.#slots.has(taskId) || Date.now() - this.#lastRead < 1000) return;
    this.#lastRead = Date.now();
    const tasks = await engineRequest<EngineTask[]>(this.#docker, {
      method: 'GET',
      path: '/tasks',
      query: { filters: JSON.stringify({ service: [this.#serviceId] }) },
    });
    this.#slots = new Map(tasks.map((t) => [t.ID, t.Slot ? String(t.Slot) : (t.NodeID ?? '')]));
  }

  name(taskId: string): string {
    const slot = this.#slots.get(taskId);
    return `${this.#serviceName}.${slot ?? '?'}.${taskId.slice(0, 12)}`;
  }
}

export function openServiceLogs(
  deps: { calls: Docker; streams: Docker },
  query: ServiceLogQuery,
): Readable {
  let res: IncomingMessage | null = null;
  const out = jsonLines(
    () => res?.destroy(),
    () => res?.resume(),
  );
  const start = async () => {
    const service = await asManager(deps.calls, () =>
      engineRequest<EngineService>(deps.calls, {
        method: 'GET',
        path: `/services/${encodeURIComponent(query.service)}`,
      }),
    );
    const serviceName = service.Spec?.Name ?? service.ID.slice(0, 12);
    const tasks = new TaskNames(deps.calls, service.ID, serviceName);
    const nodes = new SwarmNames(deps.calls);
    await Promise.all([tasks.refresh(''), nodes.refresh([], [])]);
    const tty =
      (service.Spec?.TaskTemplate?.ContainerSpec as { TTY?: boolean } | undefined)?.TTY === true;
    const response = await engineStream(deps.streams, {
      method: 'GET',
      path: `/services/${encodeURIComponent(service.ID)}/logs`,
      query: {
        details: true,
        timestamps: true,
        stdout: true,
        stderr: true,
        follow: query.follow,
        ...(query.tail !== undefined ? { tail: query.tail } : {}),
        ...(query.since !== undefined ? { since: query.since } : {}),
      },
    });
    if (out.closed) return void response.destroy();
    res = response;
    const decoder = new LogDecoder({ tty });
    // Names are looked up in order: a line waits for the lines before it.
    let chain = Promise.resolve();
    const sendLines = (lines: LogLine[]) => {
      if (lines.length === 0) return;
      chain = chain.then(async () => {
        const parsed = lines.map((line) => ({ line, ...splitDetails(line.text) }));
        const taskIds = parsed.map((p) => p.attrs[TASK_ID] ?? '');
        const nodeIds = parsed.map((p) => p.attrs[NODE_ID] ?? '');
        for (const id of new Set(taskIds)) if (id) await tasks.refresh(id).catch(() => undefined);
        await nodes.refresh(nodeIds, []).catch(() => undefined);
        let more = true;
        for (const { line, attrs, text } of parsed) {
          const taskId = attrs[TASK_ID] ?? '';
          const record: ServiceLogLine = {
            stream: line.stream,
            ts: line.ts,
            text,
            task: taskId ? tasks.name(taskId) : serviceName,
            taskId,
            node: nodes.node(attrs[NODE_ID] ?? '') ?? '',
            ...(line.part ? { part: true as const } : {}),
          };
          more = out.send(record);
        }
        if (!more) response.pause();
      });
    };
    response.on('data', (chunk: Buffer) => sendLines(decoder.push(chunk)));
    response.once('end', () => {
      sendLines(decoder.end());
      void chain.then(() => out.end());
    });
    response.once('error', (err) => out.end(err));
  };
  start().catch((err: unknown) => out.end(err as Error));
  return out.stream;
}
