// Whether a host port is free, asked the only way that is sure: bind it for a
// moment and let go. A container's published port shows as busy here too (the
// engine's proxy holds it); the dialog names those from the container list first.
import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import type { HostPortQuery, PortCheck } from '../../contract/ports-channels.ts';

/** Engines whose published ports open on this machine (Docker Desktop forwards its VM's). */
export function engineHostOf(engineId: string | null): string | null {
  if (!engineId || engineId === 'managed') return null;
  if (/^(unix|npipe):/.test(engineId)) return null;
  const host = /^[a-z]+:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)/i.exec(engineId)?.[1] ?? engineId;
  return /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i.test(host) ? null : host;
}

export async function checkPorts(
  engineId: string | null,
  ports: HostPortQuery[],
): Promise<PortCheck> {
  const engineHost = engineHostOf(engineId);
  if (engineHost !== null) return { checkable: false, engineHost };
  const busy: HostPortQuery[] = [];
  // One at a time: a batch is small, and parallel binds of one port would see each other.
  for (const query of ports) if (!(await isFree(query))) busy.push(query);
  return { checkable: true, busy };
}

/**
 * Free when every address the engine would bind takes it: without an address
 * the engine binds all of them, and a program on 127.0.0.1 alone still blocks it.
 */
async function isFree(query: HostPortQuery): Promise<boolean> {
  const addresses = query.hostIp ? [query.hostIp] : ['0.0.0.0', '127.0.0.1'];
  for (const address of addresses) {
    if (!(await bindsOnce(query.port, query.protocol, address))) return false;
  }
  return true;
}

/**
 * EACCES (a port below 1024, for a user who may not bind it) tells nothing: the
 * engine runs as root and may bind it. Every other failure (EADDRINUSE, and an
 * address this machine does not have) would fail the engine too.
 */
const freeDespite = (err: NodeJS.ErrnoException) => err.code === 'EACCES';

function bindsOnce(port: number, protocol: 'tcp' | 'udp', address: string): Promise<boolean> {
  return new Promise((resolve) => {
    if (protocol === 'udp') {
      const socket = createSocket(address.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', (err: NodeJS.ErrnoException) => resolve(freeDespite(err)));
      socket.bind(port, address, () => socket.close(() => resolve(true)));
      return;
    }
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(freeDespite(err)));
    server.listen({ port, host: address, exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}
