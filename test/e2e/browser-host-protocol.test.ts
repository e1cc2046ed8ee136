// The browser face's door: the page is served to anyone naming this server,
// the token buys a session only through POST /session, and the WebSocket opens
// only with a live session offered as a subprotocol from this server's own
// origin. A WebSocket answers malformed or unknown messages with an error and
// keeps serving. Runs the real server and services, with discovery finding nothing.
import { mkdtemp } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { SESSION_PROTOCOL_PREFIX, WS_PROTOCOL } from '../../electron/contract/browser-face.ts';
import type { ServerMessage } from '../../electron/contract/frames.ts';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/server.ts';
import { SESSION_IDLE_MS } from '../../electron/browser-host/sessions.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { SettingsFile } from '../../electron/services/settings.ts';
import { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { connectFace, openSession } from '../helpers/face-client.ts';

const TOKEN = 'the-token-0123456789abcdef0123456789';
let host: BrowserHost;
let services: AppServices;
let dispatcher: Dispatcher;
const rendererRoot = new URL('../../.vite/renderer/main_window', import.meta.url).pathname;

beforeAll(async () => {
  services = createAppServices({
    mode: 'auto',
    discover: async () => [],
    managed: null,
    noEngineAdvice: 'Install docker.io.',
    settings: new SettingsFile(await mkdtemp(join(tmpdir(), 'berth-proto-'))),
  });
  await services.manager.init();
  dispatcher = new Dispatcher(services);
  host = await startHost();
});

afterAll(async () => {
  await host?.close();
  await services?.dispose();
});

function startHost(now?: () => number): Promise<BrowserHost> {
  return startBrowserHost({
    dispatcher,
    transfers: services.transfers,
    rendererRoot,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
    ...(now ? { now } : {}),
  });
}

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, host.url), { headers, redirect: 'manual' });

/** fetch will not forge Host, so speak HTTP by hand. */
function statusWithHost(path: string, hostHeader: string, method = 'GET'): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      new URL(path, host.url),
      { method, headers: { host: hostHeader, authorization: `Bearer ${TOKEN}` } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const asPage = (session: string) => [WS_PROTOCOL, `${SESSION_PROTOCOL_PREFIX}${session}`];

describe('HTTP', () => {
  it('serves the page to a request naming this server, and sets no cookie at all', async () => {
    for (const path of ['/', `/?token=${TOKEN}`]) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('set-cookie'), path).toBeNull();
      expect(page.headers.get('cache-control'), path).toBe('no-store');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await page.text()).toContain('<div id="root">');
    }
  });

  it('trades the token for a session on POST /session only, with no-store replies', async () => {
    const traded = await fetch(new URL('/session', host.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(traded.status).toBe(200);
    expect(traded.headers.get('cache-control')).toBe('no-store');
    expect(traded.headers.get('set-cookie')).toBeNull();
    const { session } = (await traded.json()) as { session: string };
    expect(session).toMatch(/^[0-9a-f]{64}$/);

    for (const authorization of [`Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, '']) {
      const refused = await fetch(new URL('/session', host.url), {
        method: 'POST',
        headers: authorization ? { authorization } : {},
      });
      expect(refused.status).toBe(401);
      expect(refused.headers.get('cache-control')).toBe('no-store');
    }

    const known = await get('/session', { authorization: `Session ${session}` });
    expect(known.status).toBe(204);
    expect(known.headers.get('cache-control')).toBe('no-store');
    expect((await get('/session', { authorization: `Session ${'0'.repeat(64)}` })).status).toBe(
      401,
    );
  });

  it('serves nothing outside the renderer folder', async () => {
    for (const path of [
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/../../package.json',
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  it('answers a malformed escape or a NUL in the path with 400', async () => {
    for (const path of ['/%', '/%00', '/assets/%zz.js']) {
      expect((await get(path)).status, path).toBe(400);
    }
  });

  it('refuses a foreign Host header, even with the token (DNS rebinding)', async () => {
    expect(await statusWithHost('/', 'rebound.example:80')).toBe(403);
    expect(await statusWithHost('/session', 'rebound.example:80', 'POST')).toBe(403);
  });
});

function nextMessage(ws: WebSocket): Promise<ServerMessage> {
  return new Promise((resolve) =>
    ws.once('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) resolve(JSON.parse(data.toString()) as ServerMessage);
    }),
  );
}

async function signedIn(): Promise<WebSocket> {
  return connectFace(host.url, asPage(await openSession(host.url, TOKEN)));
}

describe('WebSocket', () => {
  it('opens with a session from this origin, and is refused without one', async () => {
    const session = await openSession(host.url, TOKEN);
    const ws = await connectFace(host.url, asPage(session), { origin: host.url.slice(0, -1) });
    expect(ws.protocol).toBe(WS_PROTOCOL);
    ws.close();

    await expect(connectFace(host.url, [WS_PROTOCOL])).rejects.toThrow(/HTTP 401/);
    await expect(connectFace(host.url, asPage('0'.repeat(64)))).rejects.toThrow(/HTTP 401/);
    // The token itself opens no socket, in a header or in the address.
    await expect(
      connectFace(host.url, [WS_PROTOCOL], { authorization: `Bearer ${TOKEN}` }),
    ).rejects.toThrow(/HTTP 401/);
    await expect(connectFace(`${host.url}?token=${TOKEN}`, [WS_PROTOCOL])).rejects.toThrow(
      /HTTP 401/,
    );
  });

  it('refuses what a page on another port would send, even with a valid session', async () => {
    const session = await openSession(host.url, TOKEN);
    const otherPort = Number(new URL(host.url).port) + 1;
    for (const origin of [`http://127.0.0.1:${otherPort}`, 'http://localhost:1', 'null']) {
      await expect(connectFace(host.url, asPage(session), { origin })).rejects.toThrow(/HTTP 403/);
    }
  });

  it('refuses a session idle for more than a day, and keeps one whose socket stays open', async () => {
    let now = Date.now();
    const clocked = await startHost(() => now);
    try {
      const idle = await openSession(clocked.url, TOKEN);
      const busy = await openSession(clocked.url, TOKEN);
      const open = await connectFace(clocked.url, asPage(busy));
      now += SESSION_IDLE_MS + 1;
      await expect(connectFace(clocked.url, asPage(idle))).rejects.toThrow(/HTTP 401/);
      const second = await connectFace(clocked.url, asPage(busy));
      second.close();
      open.close();
    } finally {
      await clocked.close();
    }
  });

  it('answers bad frames with an error and keeps serving', async () => {
    const ws = await signedIn();
    ws.send('{not json');
    expect(await nextMessage(ws)).toMatchObject({
      t: 'protocol-error',
      error: { kind: 'bad-request' },
    });
    ws.send(JSON.stringify({ t: 'call', id: 'x' }));
    expect(await nextMessage(ws)).toMatchObject({ t: 'protocol-error' });
    ws.send(Buffer.from([1, 2, 3]));
    expect(await nextMessage(ws)).toMatchObject({ t: 'protocol-error' });

    ws.send(JSON.stringify({ t: 'call', id: 1, ch: 'no.such.call', args: [] }));
    expect(await nextMessage(ws)).toMatchObject({
      t: 'error',
      id: 1,
      error: { kind: 'unknown-channel' },
    });
    ws.send(JSON.stringify({ t: 'call', id: 2, ch: 'engine.use', args: [42] }));
    expect(await nextMessage(ws)).toMatchObject({
      t: 'error',
      id: 2,
      error: { kind: 'bad-request' },
    });

    ws.send(JSON.stringify({ t: 'call', id: 3, ch: 'engine.status', args: [] }));
    const reply = await nextMessage(ws);
    expect(reply).toMatchObject({ t: 'result', id: 3, value: { state: 'error' } });
    ws.close();
  });

  it('reports an unknown stream through its end frame', async () => {
    const ws = await signedIn();
    ws.send(JSON.stringify({ t: 'open', sid: 9, ch: 'engine.log', args: [{ tail: -1 }] }));
    expect(await nextMessage(ws)).toMatchObject({
      t: 'end',
      sid: 9,
      error: { kind: 'bad-request' },
    });
    ws.send(JSON.stringify({ t: 'open', sid: 10, ch: 'engine.log', args: [{ tail: 10 }] }));
    expect(await nextMessage(ws)).toMatchObject({
      t: 'end',
      sid: 10,
      error: { kind: 'not-found' },
    });
    // A stream that failed to open leaves nothing behind: its id can be used again.
    ws.send(JSON.stringify({ t: 'open', sid: 10, ch: 'engine.log', args: [{ tail: 10 }] }));
    expect(await nextMessage(ws)).toMatchObject({
      t: 'end',
      sid: 10,
      error: { kind: 'not-found' },
    });
    ws.close();
  });

  it('says no engine was found, in plain words with what to install', async () => {
    const status = services.manager.status();
    expect(status.error?.message).toContain('No container engine was found');
    expect(status.error?.hint).toBe('Install docker.io.');
  });
});

describe('transfers', () => {
  it('answers a bad kind or bad arguments with bad-request, and a missing engine log with not-found', async () => {
    const ws = await signedIn();
    const bad = [
      { kind: 'no.such.kind', args: {} },
      { kind: 'containers.export', args: { id: '../../x' } },
      { kind: 'containers.export', args: {} },
      { kind: 'engine.log', args: { extra: 1 } },
      { kind: 'engine.log' },
    ];
    for (const [i, request] of bad.entries()) {
      ws.send(JSON.stringify({ t: 'call', id: i, ch: 'transfers.open', args: [request] }));
      expect(await nextMessage(ws), JSON.stringify(request)).toMatchObject({
        t: 'error',
        error: { kind: 'bad-request' },
      });
    }
    const request = { kind: 'engine.log', args: {} };
    ws.send(JSON.stringify({ t: 'call', id: 99, ch: 'transfers.open', args: [request] }));
    expect(await nextMessage(ws)).toMatchObject({ t: 'error', error: { kind: 'not-found' } });
    ws.close();
  });

  it('answers a link that was never issued with 404 and no-store, whatever the method', async () => {
    const res = await get(`/transfers/${'A'.repeat(43)}`);
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const put = await fetch(new URL(`/transfers/${'A'.repeat(43)}`, host.url), {
      method: 'PUT',
      body: 'x',
    });
    expect(put.status).toBe(404);
    expect((await fetch(new URL('/transfers/x', host.url), { method: 'POST' })).status).toBe(405);
  });
});
