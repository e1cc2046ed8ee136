// The Files tab's engine half against a real engine, with the CLI as the
// truth: a folder listed through ls (running) and through the archive API
// (stopped) has the names `docker exec ls -a` prints; a download is the tar
// `docker cp C:PATH -` gives; an upload lands where `docker exec cat` reads it;
// a missing or read-only folder refuses in the engine's words; `docker diff`.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/server.ts';
import { UPLOAD_NAME_HEADER } from '../../electron/contract/browser-face.ts';
import type { DirListing, FileChange } from '../../electron/contract/container-files-channels.ts';
import type { TransferTicket, UploadReply } from '../../electron/contract/transfers-channels.ts';
import type { AppServices } from '../../electron/services/app-services.ts';
import { filesCommandLines } from '../../renderer/views/container/files/files-commands.ts';
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

const serve = 'trap "exit 0" TERM; while true; do sleep 1; done';
// A folder with every kind of entry the tree shows, and a name with spaces.
const seed =
  'mkdir -p /data/sub && echo one > /data/file.txt && ln -s file.txt /data/link && ' +
  'echo two > "/data/with  spaces" && echo deep > /data/sub/deep && touch /data/.hidden && ' +
  `rm /etc/group && ${serve}`;

beforeAll(async () => {
  env = await startEngineServices({ name: 'files' });
  ({ engine, services, scratch } = env);
  host = await startBrowserHost({
    dispatcher: env.dispatcher,
    transfers: services.transfers,
    rendererRoot: scratch,
    host: '127.0.0.1',
    port: 0,
    token: TOKEN,
  });
  ws = await openFaceSocket(host.url, TOKEN);
  await docker(engine, 'volume', 'create', 'berth-ro');
  await docker(
    engine,
    'run',
    '-d',
    '--name',
    'files',
    '-v',
    'berth-ro:/ro:ro',
    busyboxImage,
    'sh',
    '-c',
    seed,
  );
  // The seed runs after the container starts: wait inside it until it is done.
  await cli('exec', 'files', 'sh', '-c', 'until [ -e /data/.hidden ]; do sleep 0.1; done');
}, 180_000);

afterAll(async () => {
  ws?.close();
  await host?.close();
  await env?.dispose();
});

const cli = (...args: string[]) => docker(engine, ...args);
const call = <T>(channel: string, ...args: unknown[]) =>
  faceCall(ws, channel, ...args) as Promise<T>;
const ticketFor = (request: unknown) => call<TransferTicket>('transfers.open', request);
const urlOf = (ticket: TransferTicket) => new URL(`/transfers/${ticket.id}`, host.url);

/** `docker exec C ls -a PATH`, without . and .., sorted. */
async function lsNames(path: string): Promise<string[]> {
  return (await cli('exec', 'files', 'ls', '-a', '-1', path))
    .split('\n')
    .filter((n) => n && n !== '.' && n !== '..')
    .sort();
}

async function tarNames(bytes: Buffer): Promise<string[]> {
  const extract = tar.extract();
  Readable.from([bytes]).pipe(extract);
  const names: string[] = [];
  for await (const entry of extract) {
    names.push(entry.header.name);
    entry.resume();
  }
  return names;
}

function upload(ticket: TransferTicket, name: string, body: string): Promise<Response> {
  return fetch(urlOf(ticket), {
    method: 'PUT',
    body: new Blob([body]),
    headers: { [UPLOAD_NAME_HEADER]: encodeURIComponent(name) },
  });
}

describe('listing a folder', () => {
  it('lists with ls in a running container: the names docker exec ls prints', async () => {
    const listing = await call<DirListing>('containers.listDir', { id: 'files', path: '/data' });
    expect(listing.source).toBe('ls');
    expect(listing.entries.map((e) => e.name).sort()).toEqual(await lsNames('/data'));
    const byName = Object.fromEntries(listing.entries.map((e) => [e.name, e]));
    expect(byName['sub']).toMatchObject({ type: 'dir', mode: 'drwxr-xr-x' });
    expect(byName['file.txt']).toMatchObject({ type: 'file', size: 4 });
    expect(byName['link']).toMatchObject({ type: 'link', linkTarget: 'file.txt' });
    expect(byName['with  spaces']).toMatchObject({ type: 'file', size: 4 });
    const root = await call<DirListing>('containers.listDir', { id: 'files', path: '/' });
    expect(root.entries.map((e) => e.name).sort()).toEqual(await lsNames('/'));
  });

  it('lists through the archive API in a stopped container, with the same names', async () => {
    const expected = await lsNames('/data');
    await cli('run', '--name', 'stopped', busyboxImage, 'sh', '-c', seed.replace(serve, 'true'));
    const listing = await call<DirListing>('containers.listDir', { id: 'stopped', path: '/data' });
    expect(listing.source).toBe('archive');
    expect(listing.entries.map((e) => e.name).sort()).toEqual(expected);
    expect(listing.entries.find((e) => e.name === 'link')).toMatchObject({
      type: 'link',
      linkTarget: 'file.txt',
    });
  });

  it('says a missing folder is missing', async () => {
    await expect(
      call('containers.listDir', { id: 'files', path: '/no/such/folder' }),
    ).rejects.toMatchObject({ envelope: { kind: 'not-found' } });
  });

  it('refuses a relative path before the engine hears of it', async () => {
    await expect(call('containers.listDir', { id: 'files', path: 'data' })).rejects.toMatchObject({
      envelope: { kind: 'bad-request' },
    });
  });
});

describe('docker cp', () => {
  it('downloads a folder as the tar docker cp C:PATH - gives', async () => {
    const ticket = await ticketFor({
      kind: 'containers.copyOut',
      args: { id: 'files', path: '/data' },
    });
    expect(ticket.fileName).toBe('data.tar');
    const res = await fetch(urlOf(ticket));
    expect(res.status).toBe(200);
    const ours = await tarNames(Buffer.from(await res.arrayBuffer()));
    const { stdout } = await execFileAsync(
      'docker',
      ['-H', engine.endpoint, 'cp', 'files:/data', '-'],
      { encoding: 'buffer', maxBuffer: 64 << 20 },
    );
    expect(ours).toEqual(await tarNames(stdout));
    expect(ours).toContain('data/sub/deep');
  });

  it('says at once when the path to download is not there', async () => {
    await expect(
      ticketFor({ kind: 'containers.copyOut', args: { id: 'files', path: '/nope' } }),
    ).rejects.toMatchObject({ envelope: { kind: 'not-found' } });
  });

  it('uploads a file into a folder, where docker exec cat reads it', async () => {
    const ticket = await ticketFor({
      kind: 'containers.copyIn',
      args: { id: 'files', path: '/tmp' },
    });
    const text = 'uploaded through Berth\n'.repeat(1000);
    const res = await upload(ticket, 'notes ü.txt', text);
    expect(await res.json()).toEqual({ ok: true, value: { path: '/tmp/notes ü.txt' } });
    expect(await cli('exec', 'files', 'cat', '/tmp/notes ü.txt')).toBe(text);
  });

  it("refuses a missing folder in the engine's words", async () => {
    const ticket = await ticketFor({
      kind: 'containers.copyIn',
      args: { id: 'files', path: '/missing/folder' },
    });
    const res = await upload(ticket, 'x.txt', 'x');
    expect(res.status).toBe(404);
    const reply = (await res.json()) as UploadReply;
    expect(!reply.ok && reply.error.engineMessage).toMatch(
      /Could not find the file \/missing\/folder/,
    );
    expect(!reply.ok && reply.error.hint).toMatch(/folder that exists/);
  });

  it("refuses a read-only mount in the engine's words", async () => {
    const ticket = await ticketFor({
      kind: 'containers.copyIn',
      args: { id: 'files', path: '/ro' },
    });
    const res = await upload(ticket, 'x.txt', 'x');
    expect(res.status).toBeGreaterThanOrEqual(400);
    const reply = (await res.json()) as UploadReply;
    expect(!reply.ok && reply.error.engineMessage).toMatch(/read-only/);
    expect(!reply.ok && reply.error.hint).toMatch(/read-only/);
    expect(await cli('exec', 'files', 'ls', '-a', '/ro')).not.toContain('x.txt');
  });
});

describe('docker diff', () => {
  it('answers what docker diff prints', async () => {
    const changes = await call<FileChange[]>('containers.diff', 'files');
    const letter = { added: 'A', changed: 'C', deleted: 'D' } as const;
    const ours = changes.map((c) => `${letter[c.kind]} ${c.path}`).sort();
    const theirs = (await cli('diff', 'files')).split('\n').filter(Boolean).sort();
    expect(ours).toEqual(theirs);
    expect(ours).toEqual(expect.arrayContaining(['A /data/file.txt', 'D /etc/group']));
  });

  it('gives added and changed files their size in the writable layer, as wc -c counts', async () => {
    await cli('exec', 'files', 'sh', '-c', 'head -c 5000 /dev/zero >> /etc/passwd');
    const changes = await call<FileChange[]>('containers.diff', 'files');
    const size = (path: string) => changes.find((c) => c.path === path)?.size;
    const wc = async (path: string) =>
      Number((await cli('exec', 'files', 'sh', '-c', `wc -c < ${path}`)).trim());
    expect(size('/data/file.txt')).toBe(4);
    expect(size('/data/with  spaces')).toBe(await wc('"/data/with  spaces"'));
    expect(changes.find((c) => c.path === '/etc/passwd')?.kind).toBe('changed');
    expect(size('/etc/passwd')).toBe(await wc('/etc/passwd'));
    expect(size('/etc/passwd')).toBeGreaterThan(5000);
    // Folders, links and deleted paths have no size worth showing.
    for (const path of ['/data', '/data/sub', '/data/link', '/etc/group']) {
      expect(changes.find((c) => c.path === path)).toBeDefined();
      expect(size(path)).toBeUndefined();
    }
  });
});

describe('the shown docker cp lines', () => {
  it('copy out and in through sh with hostile names, as the page shows them', async () => {
    const odd = `it's $(id) \`id\` a;b|c&d "q" ü.txt`;
    await cli(
      'exec',
      'files',
      'sh',
      '-c',
      'mkdir -p /tmp/cp && echo out > "/tmp/cp/$1"',
      'sh',
      odd,
    );
    const here = join(scratch, 'cp-here');
    await mkdir(here, { recursive: true });
    const local = `x:y ${odd}`;
    await writeFile(join(here, local), 'in\n');
    const [out, into, diff] = filesCommandLines(
      'files',
      { path: `/tmp/cp/${odd}`, folder: '/tmp/cp', uploadName: local },
      'posix',
      { host: engine.endpoint },
    ).split('\n');
    for (const line of [out!, into!]) await execFileAsync('sh', ['-c', line], { cwd: here });
    expect(await readFile(join(here, odd), 'utf8')).toBe('out\n');
    expect(await cli('exec', 'files', 'cat', `/tmp/cp/${local}`)).toBe('in\n');
    const { stdout } = await execFileAsync('sh', ['-c', diff!]);
    const sorted = (text: string) => text.split('\n').filter(Boolean).sort();
    expect(sorted(stdout)).toEqual(sorted(await cli('diff', 'files')));
  });
});
