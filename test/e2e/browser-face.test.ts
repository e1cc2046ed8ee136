// The browser face as a user meets it in Chromium: the printed address signs
// the page in, a reload and a second tab stay signed in without the token, a
// server on another port of the same host gets nothing it could use, and the
// Engine page downloads the managed engine's whole log.
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_STORAGE_KEY, WS_PROTOCOL } from '../../electron/contract/browser-face.ts';
import { engineLayout } from '../../electron/engine/managed-layout.ts';
import { startAppSession, stopAppSession, type AppSession } from '../helpers/app-session.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { connectFace } from '../helpers/face-client.ts';
import { docker } from '../helpers/managed-engine.ts';

let session: AppSession;
let other: Server;
let otherUrl: string;
const seenByOther: IncomingHttpHeaders[] = [];

beforeAll(async () => {
  session = await startAppSession();
  // Another server on the same host, as any local program (or page) could run.
  other = createServer((req, res) => {
    seenByOther.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>another server</p>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  other?.close();
  await stopAppSession(session);
});

const row = (name: string, page = session.page) =>
  page.getByRole('grid', { name: 'Containers' }).getByRole('row', { name: new RegExp(name) });

describe('sessions', () => {
  it('takes the token out of the address and sets no cookie', async () => {
    expect(session.page.url()).not.toContain('token');
    expect(await session.page.context().cookies()).toEqual([]);
    const secret = await session.page.evaluate((k) => localStorage.getItem(k), SESSION_STORAGE_KEY);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps working after a reload and in a second tab, without the token', async () => {
    await docker(session.engine, 'create', '--name', 'seen-by-both', busyboxImage);
    const context = await session.browser.newContext();
    try {
      const first = await context.newPage();
      await first.goto(session.app.urlWithToken);
      await row('seen-by-both', first).waitFor({ timeout: 30_000 });
      await first.reload();
      expect(first.url()).not.toContain('token');
      await first.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: 30_000 });
      await row('seen-by-both', first).waitFor({ timeout: 10_000 });

      const second = await context.newPage();
      await second.goto(session.app.url);
      await second.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: 30_000 });
      await row('seen-by-both', second).waitFor({ timeout: 10_000 });
      // What carried them is the page's own storage, not a cookie.
      expect(await context.cookies()).toEqual([]);
    } finally {
      await context.close();
      await docker(session.engine, 'rm', 'seen-by-both');
    }
  });

  it('asks for the printed address in a browser that never had the token', async () => {
    const stranger = await session.browser.newPage();
    await stranger.goto(session.app.url);
    await stranger
      .getByRole('alert')
      .filter({ hasText: 'Open the address Berth printed' })
      .waitFor({ timeout: 15_000 });
    await stranger.close();
  });

  it('gives a server on another loopback port nothing it could use', async () => {
    const page = session.page;
    const secret = (await page.evaluate((k) => localStorage.getItem(k), SESSION_STORAGE_KEY))!;
    // A page of the other server, opened from ours: same host, another port.
    await page.goto(otherUrl);
    const theirs = await page.evaluate(
      async ({ key, wsUrl, protocol }) => {
        const stored = localStorage.getItem(key);
        const opened = await new Promise<boolean>((resolve) => {
          const ws = new WebSocket(wsUrl, [protocol]);
          ws.onopen = () => resolve(true);
          ws.onerror = () => resolve(false);
        });
        return { stored, opened };
      },
      {
        key: SESSION_STORAGE_KEY,
        wsUrl: `${session.app.url.replace('http', 'ws')}ws`,
        protocol: WS_PROTOCOL,
      },
    );
    expect(theirs).toEqual({ stored: null, opened: false });

    expect(seenByOther.length).toBeGreaterThan(0);
    for (const headers of seenByOther) {
      expect(headers.cookie).toBeUndefined();
      expect(JSON.stringify(headers)).not.toContain(secret);
      expect(JSON.stringify(headers)).not.toContain(session.app.token);
    }
    // Replaying everything it received, from its own origin, opens nothing.
    const { host: _host, connection: _c, upgrade: _u, ...replayed } = seenByOther[0]!;
    const headers = Object.fromEntries(
      Object.entries({ ...replayed, origin: otherUrl.slice(0, -1) }).map(([k, v]) => [
        k,
        String(v),
      ]),
    );
    await expect(connectFace(session.app.url, [WS_PROTOCOL], headers)).rejects.toThrow(
      /HTTP 40[13]/,
    );

    await page.goto(session.app.url);
    await page.getByRole('status', { name: 'Engine: running' }).waitFor({ timeout: 30_000 });
  });
});

describe('downloads', () => {
  it('downloads the whole engine log from the Engine page', async () => {
    const page = session.page;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Engine' })
      .click();
    const logFile = engineLayout(session.dataDir).logFile;
    const sizeBefore = (await stat(logFile)).size;
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Download engine log', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('engine.log');
    const saved = await readFile((await download.path())!);
    // The whole file as it was (it may have grown since), not a tail.
    expect(saved.length).toBeGreaterThanOrEqual(sizeBefore);
    expect((await readFile(logFile)).subarray(0, saved.length).equals(saved)).toBe(true);
    expect(saved.toString()).toContain('API listen on');
  });
});
