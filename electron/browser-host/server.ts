// The browser face: an HTTP server for the built renderer and one WebSocket per
// page, both behind the access policy (token, session cookie, Host and Origin).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../transport/content-security-policy.ts';
import type { Dispatcher } from '../transport/dispatcher.ts';
import { serveWebSocket } from '../transport/ws-connection.ts';
import { checkAccess, createAccessPolicy, openSession, type AccessPolicy } from './access.ts';
import { serveStatic } from './static-files.ts';

const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
};

export interface BrowserHostOptions {
  dispatcher: Dispatcher;
  rendererRoot: string;
  host: string;
  port: number;
  token?: string;
  extraHosts?: string[];
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
  await listen(server, opts.host, opts.port);
  const port = (server.address() as AddressInfo).port;
  const policy = createAccessPolicy({
    listenHost: opts.host,
    port,
    ...(opts.token ? { token: opts.token } : {}),
    ...(opts.extraHosts ? { extraHosts: opts.extraHosts } : {}),
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });

  server.on('request', (req, res) => {
    handleRequest(policy, opts.rendererRoot, req, res).catch((err: unknown) => {
      console.error('[web] request failed:', err);
      if (!res.headersSent) res.writeHead(500).end('Internal error');
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const access = checkAccess(policy, { url: req.url ?? '/', headers: req.headers });
    if (!access.ok || pathOf(req) !== '/ws') {
      const status = access.ok ? 404 : access.status;
      socket.end(
        `HTTP/1.1 ${status} ${status === 404 ? 'Not Found' : 'Forbidden'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveWebSocket(ws, opts.dispatcher));
  });

  const shownHost = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  const url = `http://${shownHost}:${port}/`;
  return {
    url,
    urlWithToken: `${url}?token=${policy.token}`,
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
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end('Method not allowed');
    return;
  }
  const access = checkAccess(policy, { url: req.url ?? '/', headers: req.headers });
  if (!access.ok) {
    res.writeHead(access.status, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(
      access.status === 401
        ? 'Berth needs its access token. Open the URL that `npm start` printed (it ends with ?token=...).\n'
        : `Refused: ${access.reason}\n`,
    );
    return;
  }
  if (access.via === 'token') {
    // Trade the token for a cookie and drop it from the address bar and history.
    // The path only, with one leading slash: `//host/` would leave this server.
    const location = `/${pathOf(req).replace(/^\/+/, '')}`;
    res.writeHead(302, { 'Set-Cookie': openSession(policy), Location: location });
    res.end();
    return;
  }
  await serveStatic(root, pathOf(req), res);
}

function pathOf(req: IncomingMessage): string {
  // Concatenated, not resolved: resolving `//host/path` against a base reads `host` as a host.
  return new URL(`http://x${(req.url ?? '/').startsWith('/') ? req.url : `/${req.url}`}`).pathname;
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
