// The browser face's door: token, cookie, Host and Origin checks, and a
// WebSocket that answers malformed or unknown messages with an error and keeps
// serving. Runs the real server and services, with discovery finding nothing.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/server.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { SettingsFile } from '../../electron/services/settings.ts';
import { Dispatcher } from '../../electron/transport/dispatcher.ts';
import type { ServerMessage } from '../../electron/contract/frames.ts';

let host: BrowserHost;
let services: AppServices;
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
  host = await startBrowserHost({
    dispatcher: new Dispatcher(services),
    rendererRoot,
    host: '127.0.0.1',
    port: 0,
    token: 'the-token',
  });
});

afterAll(async () => {
  await host?.close();
  await services?.dispose();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(new URL(path, host.url), { headers, redirect: 'manual' });

describe('HTTP access', () => {
  it('refuses a request without the token', async () => {
    const res = await get('/');
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('access token');
  });

  it('trades the token for an HttpOnly, SameSite=Strict session cookie', async () => {
    const res = await get('/?token=the-token');
    expect(res.status).toBe(302);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await get('/', { cookie: cookie.split(';')[0]! });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
  });

  it('redirects only within itself after taking the token', async () => {
    const res = await get('/.//evil.example/?token=the-token');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/evil.example/');
  });

  it('serves nothing outside the renderer folder', async () => {
    const cookie = (await get('/?token=the-token')).headers.get('set-cookie')!.split(';')[0]!;
    for (const path of [
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/../../package.json',
    ]) {
      const res = await get(path, { cookie });
      expect(res.status, path).toBe(404);
    }
  });

  it('refuses a wrong token and a foreign Host header', async () => {
    expect((await get('/?token=wrong')).status).toBe(401);
    // fetch will not forge Host, so speak HTTP by hand.
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        new URL('/?token=the-token', host.url),
        { headers: { host: 'rebound.example:80' } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });
});

function connect(headers: Record<string, string> = {}, query = ''): Promise<WebSocket> {
  const ws = new WebSocket(`${host.url.replace('http', 'ws')}ws${query}`, { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<ServerMessage> {
  return new Promise((resolve) =>
    ws.once('message', (data: Buffer, isBinary: boolean) => {
      if (!isBinary) resolve(JSON.parse(data.toString()) as ServerMessage);
    }),
  );
}

describe('WebSocket', () => {
  it('refuses an upgrade without the token, or from a foreign origin', async () => {
    await expect(connect()).rejects.toThrow(/HTTP 401/);
    await expect(connect({ origin: 'http://evil.example' }, '?token=the-token')).rejects.toThrow(
      /HTTP 403/,
    );
  });

  it('answers bad frames with an error and keeps serving', async () => {
    const ws = await connect({ authorization: 'Bearer the-token' });
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
    const ws = await connect({ authorization: 'Bearer the-token' });
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
