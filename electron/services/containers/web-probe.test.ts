import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../contract/container-types.ts';
import { probeHost, probeHttp, webProbeHandlers } from './web-probe.ts';
import { PreviewTickets } from '../preview/preview-tickets.ts';

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

function listen(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  closers.push(() => server.close());
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

const container = (id: string, publicPort: number): ContainerSummary =>
  ({
    id,
    ports: [{ privatePort: 80, publicPort, hostIp: '0.0.0.0', protocol: 'tcp' }],
  }) as ContainerSummary;

describe('probeHttp', () => {
  it('counts any HTTP answer, an error status too', async () => {
    const port = await listen(createServer((_req, res) => res.writeHead(404).end()));
    expect(await probeHttp('127.0.0.1', port)).toEqual({ answers: true, status: 404 });
  });

  it('gives up on a port that accepts and never answers, within its timeout', async () => {
    const silent = createTcpServer(() => {});
    const port = await listen(silent);
    const started = Date.now();
    const got = await probeHttp('127.0.0.1', port, 300);
    expect(got).toEqual({ answers: false, reason: 'no answer within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('says when the connection closes at once (a published port nothing listens on)', async () => {
    const closing = createTcpServer((socket) => socket.destroy());
    const port = await listen(closing);
    const got = await probeHttp('127.0.0.1', port);
    expect(got.answers).toBe(false);
  });
});

describe('probeHost', () => {
  it('reaches a wildcard binding on loopback, a specific one on its address', () => {
    expect(probeHost('0.0.0.0')).toBe('127.0.0.1');
    expect(probeHost('::')).toBe('::1');
    expect(probeHost('127.0.0.2')).toBe('127.0.0.2');
  });
});

describe('containers.probeWeb', () => {
  it("refuses a port that is not one of the container's published ports", async () => {
    const port = await listen(createServer((_req, res) => res.end('ok')));
    const tickets = new PreviewTickets();
    const handlers = webProbeHandlers(() => [container('a'.repeat(64), port)], tickets);
    await expect(handlers['containers.probeWeb']('b'.repeat(64), port)).rejects.toThrow(
      /not a published TCP port/,
    );
    const probe = await handlers['containers.probeWeb']('a'.repeat(64), port);
    expect(probe).toMatchObject({
      answers: true,
      status: 200,
      ticket: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    // The ticket opens the framing page for that port, once.
    const ticket = (probe as { ticket: string }).ticket;
    expect(tickets.redeem(ticket, port)).toBe(true);
    expect(tickets.redeem(ticket, port)).toBe(false);
  });
});
