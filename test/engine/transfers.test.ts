// Files through the browser face against a real engine: `docker export` and
// `docker load` through /transfers/<id>, each link good once and for a minute,
// a 50 MB download that a slow reader holds up without the server buffering
// it, and the same download saved to (and load read from) a file without HTTP
// (the desktop's way).
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/server.ts';
import type { TransferTicket, UploadReply } from '../../electron/contract/transfers-channels.ts';
import type { AppServices } from '../../electron/services/app-services.ts';
import { loadTransferFromFile } from '../../electron/services/transfers/load-from-file.ts';
import { saveTransferToFile } from '../../electron/services/transfers/save-to-file.ts';
import { transferHandlers } from '../../electron/services/transfers/transfer-kinds.ts';
import { Transfers } from '../../electron/services/transfers/transfers.ts';
import { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { faceCall, openFaceSocket } from '../helpers/face-client.ts';
import { docker, type TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';

const execFileAsync = promisify(execFile);
const TOKEN = randomBytes(32).toString('hex');
let env: EngineServices;
let engine: TestEngine;
let services: AppServices;
let host: BrowserHost;
let ws: WebSocket;
let scratch: string;

beforeAll(async () => {
  env = await startEngineServices({ name: 'transfers' });
  ({ engine, services, scratch } = env);
  host = await startHost(services.transfers);
  ws = await openFaceSocket(host.url, TOKEN);
  await docker(
    engine,
    'run',
    '--name',
    'exported',
    busyboxImage,
    'sh',
    '-c',
    'echo hello > /greeting',
  );
});

afterAll(async () => {
  ws?.close();
  await host?.close();
  await env?.dispose();
});

function startHost(transfers: Transfers): Promise<BrowserHost> {
  return startBrowserHost({
    dispatcher: new Dispatcher(services),
    transfers,
    rendererRoot: scratch,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
  });
}

const ticketFor = (request: unknown) =>
  faceCall(ws, 'transfers.open', request) as Promise<TransferTicket>;
const urlOf = (ticket: TransferTicket, base = host.url) => new URL(`/transfers/${ticket.id}`, base);

/** `docker export` through the CLI, the independent truth. */
async function cliExport(name: string): Promise<Buffer> {
  const { stdout } = await execFileAsync('docker', ['-H', engine.endpoint, 'export', name], {
    encoding: 'buffer',
    maxBuffer: 256 * 1024 * 1024,
  });
  return stdout;
}

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('downloads', () => {
  it("streams a container's filesystem, byte for byte what docker export gives", async () => {
    const ticket = await ticketFor({ kind: 'containers.export', args: { id: 'exported' } });
    expect(ticket).toMatchObject({ direction: 'download', fileName: 'exported.tar' });
    const res = await fetch(urlOf(ticket));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-tar');
    expect(res.headers.get('content-disposition')).toContain('filename="exported.tar"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(sha(bytes)).toBe(sha(await cliExport('exported')));
    expect(bytes.includes('hello\n')).toBe(true);
  });

  it('answers a used link with 410, and a PUT to a download link with 405 without using it', async () => {
    const ticket = await ticketFor({ kind: 'containers.export', args: { id: 'exported' } });
    const put = await fetch(urlOf(ticket), { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
    const first = await fetch(urlOf(ticket));
    expect(first.status).toBe(200);
    await first.arrayBuffer();
    const again = await fetch(urlOf(ticket));
    expect(again.status).toBe(410);
    expect(((await again.json()) as UploadReply).ok).toBe(false);
  });

  it('lets a link expire a minute after it was issued', async () => {
    let now = Date.now();
    const transfers = new Transfers(
      transferHandlers({
        calls: () => services.manager.connection().calls,
        streams: () => services.manager.connection().streams,
        managed: null,
      }),
      { now: () => now },
    );
    const clocked = await startHost(transfers);
    try {
      const fresh = await transfers.open({ kind: 'containers.export', args: { id: 'exported' } });
      const stale = await transfers.open({ kind: 'containers.export', args: { id: 'exported' } });
      now += 59_999;
      const res = await fetch(urlOf(fresh, clocked.url));
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      now += 1;
      expect((await fetch(urlOf(stale, clocked.url))).status).toBe(410);
    } finally {
      await clocked.close();
    }
  });

  it('says at once when the container does not exist', async () => {
    await expect(
      ticketFor({ kind: 'containers.export', args: { id: 'no-such-container' } }),
    ).rejects.toMatchObject({ envelope: { kind: 'not-found' } });
  });

  it('holds a 50 MB download back for a slow reader instead of buffering it', async () => {
    await docker(
      engine,
      'run',
      '--name',
      'big',
      busyboxImage,
      'sh',
      '-c',
      'head -c 52428800 /dev/urandom > /big',
    );
    const ticket = await ticketFor({ kind: 'containers.export', args: { id: 'big' } });
    const before = process.memoryUsage().arrayBuffers;
    const res = await new Promise<IncomingMessage>((resolve, reject) => {
      request(urlOf(ticket), resolve).on('error', reject).end();
    });
    res.pause();
    // The reader does not read: wait until nothing more arrives on its socket.
    const socket = res.socket;
    let last = -1;
    let steady = 0;
    const deadline = Date.now() + 60_000;
    let peak = 0;
    while (steady < 10) {
      if (Date.now() > deadline) throw new Error('The download never stalled for a paused reader');
      await new Promise((r) => setTimeout(r, 100));
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - before);
      steady = socket.bytesRead === last ? steady + 1 : 0;
      last = socket.bytesRead;
    }
    expect(socket.bytesRead).toBeLessThan(25 * 1024 * 1024);
    expect(peak).toBeLessThan(20 * 1024 * 1024);

    // Then it reads everything, and nothing was lost.
    const hash = createHash('sha256');
    let total = 0;
    for await (const chunk of res as AsyncIterable<Buffer>) {
      hash.update(chunk);
      total += chunk.length;
    }
    const expected = await cliExport('big');
    expect(total).toBe(expected.length);
    expect(hash.digest('hex')).toBe(sha(expected));
    await docker(engine, 'rm', 'big');
  });

  it('saves a download to a file without HTTP, as the desktop face will', async () => {
    const ticket = await services.transfers.open({
      kind: 'containers.export',
      args: { id: 'exported' },
    });
    const saved = await saveTransferToFile(services.transfers, ticket.id, async (name) =>
      join(scratch, name),
    );
    expect(saved).toBe(join(scratch, 'exported.tar'));
    expect(sha(await readFile(saved!))).toBe(sha(await cliExport('exported')));
    await expect(
      saveTransferToFile(services.transfers, ticket.id, async (name) => join(scratch, name)),
    ).rejects.toThrow(/already used or has expired/);
  });
});

describe('uploads', () => {
  it('loads an image tar streamed with fetch, as docker load does', async () => {
    const tag = 'berth-upload/busybox:1';
    await docker(engine, 'tag', busyboxImage, tag);
    const tar = join(scratch, 'upload.tar');
    await docker(engine, 'save', '-o', tar, tag);
    await docker(engine, 'rmi', tag);
    await expect(docker(engine, 'image', 'inspect', tag)).rejects.toThrow();

    const ticket = await ticketFor({ kind: 'images.load', args: {} });
    expect(ticket.direction).toBe('upload');
    const res = await fetch(urlOf(ticket), { method: 'PUT', body: await openAsBlob(tar) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: { loaded: [tag] } });
    expect(await docker(engine, 'image', 'inspect', '--format', '{{.Id}}', tag)).toMatch(/sha256:/);
    expect((await fetch(urlOf(ticket), { method: 'PUT', body: 'x' })).status).toBe(410);
    await docker(engine, 'rmi', tag);
  });

  it('loads an image tar from a file without HTTP, as the desktop face does', async () => {
    const tag = 'berth-upload/busybox:desktop';
    await docker(engine, 'tag', busyboxImage, tag);
    const tar = join(scratch, 'desktop-upload.tar');
    await docker(engine, 'save', '-o', tar, tag);
    await docker(engine, 'rmi', tag);
    const ticket = await services.transfers.open({ kind: 'images.load', args: {} });
    const outcome = await loadTransferFromFile(services.transfers, ticket.id, async () => tar);
    expect(outcome).toEqual({ result: { loaded: [tag] } });
    expect(await docker(engine, 'image', 'inspect', '--format', '{{.Id}}', tag)).toMatch(/sha256:/);
    await docker(engine, 'rmi', tag);
  });

  it("answers a file that is not an image tar with the engine's words", async () => {
    const ticket = await ticketFor({ kind: 'images.load', args: {} });
    const res = await fetch(urlOf(ticket), { method: 'PUT', body: 'this is not a tar' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    const reply = (await res.json()) as UploadReply;
    expect(reply.ok).toBe(false);
    expect(!reply.ok && reply.error.message).toMatch(/load/i);
  });
});
