// Does a container's published port answer HTTP? Asked by the app, not by the
// page: a frame pointed at a silent port would only spin, and the page cannot
// tell a refused connection from a slow one. Only published ports of a
// container are asked, so a page cannot use this to scan the machine.
import { request } from 'node:http';
import type { CallHandlers } from '../../contract/channels.ts';
import type { ContainerSummary, PortBinding } from '../../contract/container-types.ts';
import { ContractError } from '../../contract/errors.ts';
import type { WebProbe } from '../../contract/preview-channels.ts';
import type { PreviewTickets } from '../preview/preview-tickets.ts';

export const PROBE_TIMEOUT_MS = 2000;

/** Where this machine reaches a binding: a wildcard means every address, so loopback. */
export function probeHost(hostIp: string | undefined): string {
  if (!hostIp || hostIp === '0.0.0.0') return '127.0.0.1';
  if (hostIp === '::') return '::1';
  return hostIp;
}

export function publishedTcp(
  items: readonly ContainerSummary[],
  hostPort: number,
  id?: string,
): PortBinding | undefined {
  for (const c of items) {
    if (id !== undefined && c.id !== id) continue;
    const p = c.ports.find((b) => b.protocol === 'tcp' && b.publicPort === hostPort);
    if (p) return p;
  }
  return undefined;
}

/** What one request to the port found (a ticket is added when it answers). */
type HttpProbe = { answers: true; status: number } | Extract<WebProbe, { answers: false }>;

export function probeHttp(
  host: string,
  port: number,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<HttpProbe> {
  return new Promise((resolve) => {
    const req = request({ host, port, path: '/', method: 'GET', timeout: timeoutMs }, (res) => {
      resolve({ answers: true, status: res.statusCode ?? 0 });
      res.destroy();
    });
    req.on('timeout', () => {
      resolve({ answers: false, reason: `no answer within ${timeoutMs / 1000} s` });
      req.destroy();
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      resolve({ answers: false, reason: probeFailure(err) });
    });
    req.end();
  });
}

function probeFailure(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'the connection was refused: nothing listens there';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'the connection was closed at once: nothing inside listens on that port, or it does not speak HTTP';
    default:
      return err.code === 'HPE_INVALID_CONSTANT' || err.message.includes('Parse Error')
        ? 'it answers, but not in HTTP'
        : err.message;
  }
}

export function webProbeHandlers(
  items: () => readonly ContainerSummary[],
  tickets: PreviewTickets,
  timeoutMs = PROBE_TIMEOUT_MS,
): Pick<CallHandlers, 'containers.probeWeb'> {
  return {
    'containers.probeWeb': async (id, hostPort) => {
      const binding = publishedTcp(items(), hostPort, id);
      if (!binding) {
        throw new ContractError({
          kind: 'not-found',
          message: `Port ${hostPort} is not a published TCP port of this container.`,
        });
      }
      const probe = await probeHttp(probeHost(binding.hostIp), hostPort, timeoutMs);
      return probe.answers ? { ...probe, ticket: tickets.issue(hostPort) } : probe;
    },
  };
}
