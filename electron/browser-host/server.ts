// The browser face: an HTTP server for the built renderer, the session and
// transfer routes, and one WebSocket per page. Every request must name this
// server (Host, Origin); the WebSocket also needs a live session.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { SESSION_PATH, TRANSFERS_PATH, WS_PROTOCOL } from '../contract/browser-face.ts';
import { PREVIEW_PATH } from '../contract/preview-channels.ts';
import type { PreviewGate } from '../services/preview/preview-page.ts';
import type { Transfers } from '../services/transfers/transfers.ts';
import { CONTENT_SECURITY_POLICY } from '../transport/content-security-policy.ts';
import type { Dispatcher } from '../transport/dispatcher.ts';
import { serveWebSocket } from '../transport/ws-connection.ts';
import { checkOrigin, createAccessPolicy, printable, sessionFromProtocols } from './access.ts';
import type { AccessPolicy } from './access.ts';
import { servePreview } from './preview-route.ts';
import { serveSession } from './session-route.ts';
import { serveStatic } from './static-files.ts';
import { serveTransfer } from './transfer-route.ts';

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

interface BrowserHostOptions {
  dispatcher: Dispatcher;
  transfers: Transfers;
  rendererRoot: string;
  host: string;
  port: number;
  token?: string;
  extraHosts?: string[];
  /**
   * May the live preview frame this host port: a published TCP port of a
   * container, asked with a live ticket from `containers.probeWeb`?
   */
  mayPreview?: PreviewGate;
  /** The sessions' clock; tests move it past a day. */
  now?: () => number;
}

export interface BrowserHost {
  url: string;
  /** The URL with the access token, as printed for the user. */
  urlWithToken: string;
  token: string;
  close(): Promise<void>;
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const server = createServer();
  // An upload of a few hundred MB through an SSH tunnel takes longer than Node's
  // default 5 minutes for a whole request; the headers still have their deadline.
  server.requestTimeout = 0;
  await listen(server, opts.host, opts.port);
  const port = (server.address() as AddressInfo).port;
  const policy = createAccessPolicy({
    listenHost: opts.host,
    port,
    ...(opts.token ? { token: opts.token } : {}),
    ...(opts.extraHosts ? { extraHosts: opts.extraHosts } : {}),
    ...(opts.now ? { now: opts.now } : {}),
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: 1024 * 1024,
    handleProtocols: (offered) => (offered.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });

  server.on('request', (req, res) => {
    handleRequest(policy, opts, req, res).catch((err: unknown) => {
      console.error(`[web] request failed: ${printable((err as Error).stack ?? String(err))}`);
      if (!res.headersSent) res.writeHead(500).end('Internal error');
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string) =>
      socket.end(
        `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nCache-Control: no-store\r\n\r\n`,
      );
    if (!checkOrigin(policy, req.headers).ok) return refuse(403, 'Forbidden');
    if (pathOf(req) !== '/ws') return refuse(404, 'Not Found');
    const secret = sessionFromProtocols(req.headers);
    const release = secret === undefined ? null : policy.sessions.attach(secret);
    if (!release) return refuse(401, 'Unauthorized');
    // The raw socket closes however the handshake or the connection ends.
    socket.once('close', release);
    wss.handleUpgrade(req, socket, head, (ws) => serveWebSocket(ws, opts.dispatcher));
  });

  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${shownHost}:${port}/`;
  return {
    url,
    urlWithToken: `${url}?token=${encodeURIComponent(policy.token)}`,
    token: policy.token,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function handleRequest(
  policy: AccessPolicy,
  opts: BrowserHostOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
  const origin = checkOrigin(policy, req.headers);
  if (!origin.ok) {
    res.writeHead(403, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(`Refused: ${origin.reason}\n`);
    return;
  }
  const path = pathOf(req);
  if (path === SESSION_PATH) return serveSession(policy, req, res);
  if (path.startsWith(TRANSFERS_PATH)) {
    return serveTransfer(opts.transfers, path.slice(TRANSFERS_PATH.length), req, res);
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end('Method not allowed');
    return;
  }
  if (path.startsWith(PREVIEW_PATH)) {
    return servePreview(
      path.slice(PREVIEW_PATH.length),
      req,
      res,
      opts.mayPreview ?? (() => false),
    );
  }
  // The page is not secret, but its address may carry the token: no cache keeps that reply.
  const noStore = (req.url ?? '').includes('?');
  await serveStatic(opts.rendererRoot, path, res, { noStore });
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? '/';
  try {
    // Concatenated, not resolved: resolving `//host/path` against a base reads `host` as a host.
    return new URL(`http://x${url.startsWith('/') ? url : `/${url}`}`).pathname;
  } catch {
    return ''; // names nothing this server has
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
