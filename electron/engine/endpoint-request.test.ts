import type http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFailureReason, getFromEndpoint, pingEndpoint } from './endpoint-request.ts';
import {
  makeTempDir,
  socketsPerTest,
  startFakeEngine,
  startHttpSocket,
  startSilentSocket,
  type RunningSocket,
} from './fake-engine.testkit.ts';
import { makeTlsMaterial, startTlsEngine, type TlsEngine } from './tls-engine.testkit.ts';

const temp = socketsPerTest('berth-get-');

/** An HTTP server on a unix socket answering every request with `handler`. */
async function serve(handler: http.RequestListener): Promise<{ url: string }> {
  const server = await temp.track(startHttpSocket(path.join(temp.dir, 'engine.sock'), handler));
  return { url: server.endpoint };
}

/** Whether `silent` saw every connection closed within `ms`. */
async function closedWithin(silent: RunningSocket, ms: number): Promise<string> {
  return Promise.race([
    silent.allClosed().then(() => 'closed'),
    new Promise<string>((resolve) => setTimeout(resolve, ms, 'still open')),
  ]);
}

describe('getFromEndpoint', () => {
  it('gets the status, headers and body over a unix socket', async () => {
    const engine = await temp.track(startFakeEngine(path.join(temp.dir, 'docker.sock')));

    const outcome = await getFromEndpoint({ url: engine.endpoint }, '/version', {
      timeoutMs: 2_000,
    });

    expect(outcome).toMatchObject({ kind: 'response', status: 200 });
    if (outcome.kind !== 'response') return;
    expect(outcome.headers['content-type']).toBe('application/json');
    expect(JSON.parse(outcome.body)).toMatchObject({ Version: '28.0.0-fake' });
  });

  it("keeps an error status and the engine's body, as an answer rather than a failure", async () => {
    const engine = await temp.track(startFakeEngine(path.join(temp.dir, 'docker.sock')));

    const outcome = await getFromEndpoint({ url: engine.endpoint }, '/nothing', {
      timeoutMs: 2_000,
    });

    expect(outcome).toEqual(
      expect.objectContaining({
        kind: 'response',
        status: 404,
        body: JSON.stringify({ message: 'page not found: /nothing' }),
      }),
    );
  });

  it('decodes a character split across chunks whole', async () => {
    const { url } = await serve((_req, res) => {
      const bytes = Buffer.from('moteur: prêt', 'utf8');
      const cut = bytes.indexOf(0xc3) + 1; // inside "ê"
      res.write(bytes.subarray(0, cut));
      setTimeout(() => res.end(bytes.subarray(cut)), 20);
    });

    const outcome = await getFromEndpoint({ url }, '/', { timeoutMs: 2_000 });

    expect(outcome).toMatchObject({ kind: 'response', body: 'moteur: prêt' });
  });

  it('keeps no more of a huge body than asked', async () => {
    const { url } = await serve((_req, res) => {
      for (let i = 0; i < 64; i++) res.write('x'.repeat(16 * 1024));
      res.end();
    });

    const outcome = await getFromEndpoint({ url }, '/', { timeoutMs: 5_000, maxBodyBytes: 1024 });

    expect(outcome.kind).toBe('response');
    if (outcome.kind !== 'response') return;
    // Whole chunks are kept until the cap is reached: one chunk past it at most.
    expect(outcome.body.length).toBeGreaterThanOrEqual(1024);
    expect(outcome.body.length).toBeLessThanOrEqual(1024 + 64 * 1024);
  });

  it('gives up at the deadline on a listener that never answers, and closes the socket', async () => {
    const silent = await temp.track(startSilentSocket(path.join(temp.dir, 'silent.sock')));
    const timeoutMs = 200;

    const started = performance.now();
    const outcome = await getFromEndpoint({ url: silent.endpoint }, '/_ping', { timeoutMs });
    const elapsed = performance.now() - started;

    expect(outcome).toEqual({ kind: 'deadline', timeoutMs });
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs * 0.9);
    expect(elapsed).toBeLessThan(timeoutMs * 5);
    expect(await closedWithin(silent, timeoutMs * 5)).toBe('closed');
  });

  it('holds one deadline for the whole body, even while bytes keep trickling in', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200);
      const drip = setInterval(() => res.write('.'), 30);
      res.on('close', () => clearInterval(drip));
    });
    const timeoutMs = 300;

    const started = performance.now();
    const outcome = await getFromEndpoint({ url }, '/_ping', { timeoutMs });

    expect(outcome).toEqual({ kind: 'deadline', timeoutMs });
    expect(performance.now() - started).toBeLessThan(timeoutMs * 5);
  });

  it('stops when its signal aborts, long before the deadline, and closes the socket', async () => {
    const silent = await temp.track(startSilentSocket(path.join(temp.dir, 'silent.sock')));
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 50);

    const started = performance.now();
    const outcome = await getFromEndpoint({ url: silent.endpoint }, '/_ping', {
      timeoutMs: 10_000,
      signal: abort.signal,
    });

    expect(outcome.kind).toBe('error');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(await closedWithin(silent, 1_000)).toBe('closed');
  });

  it('names a missing socket by its error code', async () => {
    const outcome = await getFromEndpoint({ url: `unix://${temp.dir}/none.sock` }, '/_ping', {
      timeoutMs: 2_000,
    });

    expect(outcome.kind).toBe('error');
    if (outcome.kind === 'response') return;
    expect(getFailureReason(outcome)).toMatch(/^ENOENT: /);
  });

  it('says why an endpoint cannot be reached at all, without sending anything', async () => {
    const outcome = await getFromEndpoint({ url: 'fd://' }, '/_ping', { timeoutMs: 2_000 });

    expect(outcome.kind).toBe('error');
    if (outcome.kind === 'response') return;
    expect(getFailureReason(outcome)).toContain(
      'fd:// endpoints exist only for a daemon started by systemd',
    );
  });
});

describe('getFromEndpoint over TLS', () => {
  let tlsDir: Awaited<ReturnType<typeof makeTempDir>>;
  let certs: Awaited<ReturnType<typeof makeTlsMaterial>>;
  let engine: TlsEngine;

  beforeAll(async () => {
    tlsDir = await makeTempDir('berth-get-tls-');
    certs = await makeTlsMaterial(tlsDir.dir);
    engine = await startTlsEngine(certs);
  }, 60_000);

  afterAll(async () => {
    await engine?.close();
    await tlsDir?.cleanup();
  });

  it("presents the endpoint's client certificate and checks the engine's against its CA", async () => {
    const outcome = await getFromEndpoint(
      { url: `tcp://127.0.0.1:${engine.port}`, certPath: certs.clientDir },
      '/version',
      { timeoutMs: 5_000 },
    );

    expect(outcome).toMatchObject({ kind: 'response', status: 200 });
    expect(engine.requests.at(-1)).toEqual({ url: '/version', client: 'client' });
  });

  it('names the folder of certificates it cannot read', async () => {
    const missing = path.join(tlsDir.dir, 'no-such-folder');

    const outcome = await getFromEndpoint(
      { url: `tcp://127.0.0.1:${engine.port}`, certPath: missing },
      '/version',
      { timeoutMs: 5_000 },
    );

    expect(outcome.kind).toBe('error');
    if (outcome.kind === 'response') return;
    expect(getFailureReason(outcome)).toContain(`The TLS certificates for tcp://127.0.0.1:`);
    expect(getFailureReason(outcome)).toContain(missing);
  });
});

describe('pingEndpoint', () => {
  it("answers ok with the engine's API version", async () => {
    const engine = await temp.track(startFakeEngine(path.join(temp.dir, 'docker.sock')));

    expect(await pingEndpoint({ url: engine.endpoint }, { timeoutMs: 2_000 })).toEqual({
      ok: true,
      apiVersion: '1.47',
    });
  });

  it("quotes the status and the engine's words when the ping is refused", async () => {
    const engine = await temp.track(
      startFakeEngine(path.join(temp.dir, 'docker.sock'), {
        pingStatus: 503,
        pingBody: 'starting',
      }),
    );

    expect(await pingEndpoint({ url: engine.endpoint }, { timeoutMs: 2_000 })).toEqual({
      ok: false,
      reason: 'HTTP 503: starting',
    });
  });

  it('misses a ping whose body trickles past the deadline', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200);
      const drip = setInterval(() => res.write('O'), 30);
      res.on('close', () => clearInterval(drip));
    });

    const started = performance.now();
    const result = await pingEndpoint({ url }, { timeoutMs: 300 });

    expect(result).toEqual({ ok: false, reason: 'no answer within 300 ms' });
    expect(performance.now() - started).toBeLessThan(1_500);
  });
});
