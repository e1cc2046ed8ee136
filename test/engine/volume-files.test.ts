// A volume's files through Berth's helper container, against a real engine
// with the CLI as the truth (`docker run -v VOL:/d busybox ls|cat|tar`): a
// folder listed, a file and a folder downloaded, a file uploaded, the volume
// exported and imported into another one with every file equal byte for
// byte; a file that is no tar refused with the volume untouched; no helper
// container left after success, failure and a cancelled download; a leftover
// from another run swept; the shown commands run through sh with a hostile
// path; and an engine without any image told what to do.
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/server.ts';
import { UPLOAD_NAME_HEADER } from '../../electron/contract/browser-face.ts';
import type { DirListing } from '../../electron/contract/container-files-channels.ts';
import type { TransferTicket, UploadReply } from '../../electron/contract/transfers-channels.ts';
import { HELPER_LABEL } from '../../electron/contract/volume-files-channels.ts';
import type { AppServices } from '../../electron/services/app-services.ts';
import { volumeCommandLines } from '../../renderer/views/volume/volume-commands.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { faceCall, openFaceSocket } from '../helpers/face-client.ts';
import { docker, type TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';

const execFileAsync = promisify(execFile);
const TOKEN = randomBytes(32).toString('hex');
const VOLUME = 'berth-vf';
const COPY = 'berth-vf.copy_2';
const ODD = `it's $(id) \`id\` a;b|c&d "q" ü`;
let env: EngineServices;
let engine: TestEngine;
let services: AppServices;
let host: BrowserHost;
let ws: WebSocket;
let scratch: string;

beforeAll(async () => {
  env = await startEngineServices({ name: 'volume-files' });
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
  await cli('volume', 'create', VOLUME);
  await cli('volume', 'create', COPY);
  // Every kind of entry, a name with spaces, a hostile folder, and 8 MB a cancel can stop inside.
  await inVolume(
    VOLUME,
    'mkdir -p /d/sub "/d/$1" && echo one > /d/a.txt && echo deep > /d/sub/deep && ' +
      'ln -s a.txt /d/link && echo two > "/d/with  spaces" && echo odd > "/d/$1/f.txt" && ' +
      'chmod 600 /d/sub/deep && head -c 8388608 /dev/urandom > /d/big.bin',
    ODD,
  );
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

/** `sh -c SCRIPT sh ARGS…` in a throwaway busybox with the volume at /d. */
const inVolume = (volume: string, script: string, ...args: string[]) =>
  cli('run', '--rm', '-v', `${volume}:/d`, busyboxImage, 'sh', '-c', script, 'sh', ...args);

/** Helper containers on the engine, as `docker ps -a` lists them. */
const helpers = async () =>
  (await cli('ps', '-aq', '--filter', `label=${HELPER_LABEL}`)).split('\n').filter(Boolean);

const noHelperLeft = () => expect.poll(helpers, { timeout: 15_000 }).toEqual([]);

interface Entry {
  type: string;
  mode: number;
  sha?: string;
  link?: string;
}

/** Each entry of a tar by its name (`./` and trailing slashes dropped), file bodies hashed. */
async function tarEntries(bytes: Buffer): Promise<Map<string, Entry>> {
  const extract = tar.extract();
  Readable.from([bytes]).pipe(extract);
  const out = new Map<string, Entry>();
  for await (const entry of extract) {
    const { name, type, mode, linkname } = entry.header;
    const hash = createHash('sha256');
    for await (const chunk of entry) hash.update(chunk as Buffer);
    const key = name.replace(/^\.\//, '').replace(/\/$/, '');
    if (!key || key === '.') continue;
    out.set(key, {
      type,
      mode: mode & 0o7777,
      ...(type === 'file' ? { sha: hash.digest('hex') } : {}),
      ...(type === 'symlink' ? { link: linkname ?? '' } : {}),
    });
  }
  return out;
}

/** What the CLI reads from a volume: busybox tar of its root. */
async function cliVolumeEntries(volume: string): Promise<Map<string, Entry>> {
  const { stdout } = await execFileAsync(
    'docker',
    [
      '-H',
      engine.endpoint,
      'run',
      '--rm',
      '-v',
      `${volume}:/d`,
      busyboxImage,
      'tar',
      '-c',
      '-C',
      '/d',
      '.',
    ],
    { encoding: 'buffer', maxBuffer: 64 << 20 },
  );
  return tarEntries(stdout);
}

async function bytesOf(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function download(request: unknown): Promise<Buffer> {
  const res = await fetch(urlOf(await ticketFor(request)));
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function upload(request: unknown, name: string, body: Buffer | string): Promise<Response> {
  return fetch(urlOf(await ticketFor(request)), {
    method: 'PUT',
    body: new Blob([body]),
    headers: { [UPLOAD_NAME_HEADER]: encodeURIComponent(name) },
  });
}

describe('browsing', () => {
  it('lists a folder of the volume with the names ls prints, one level at a time', async () => {
    const root = await call<DirListing>('volumes.listDir', { name: VOLUME, path: '/' });
    const ls = (await inVolume(VOLUME, 'cd /d && find . -mindepth 1 -maxdepth 1'))
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(2))
      .sort();
    expect(root.entries.map((e) => e.name).sort()).toEqual(ls);
    const byName = Object.fromEntries(root.entries.map((e) => [e.name, e]));
    expect(byName['sub']).toMatchObject({ type: 'dir' });
    expect(byName['link']).toMatchObject({ type: 'link', linkTarget: 'a.txt' });
    expect(byName['big.bin']).toMatchObject({ type: 'file', size: 8 << 20 });
    const sub = await call<DirListing>('volumes.listDir', { name: VOLUME, path: '/sub' });
    expect(sub.entries).toEqual([expect.objectContaining({ name: 'deep', mode: '-rw-------' })]);
    await noHelperLeft();
  });

  it('says a missing folder or volume is missing, and refuses a path that climbs out', async () => {
    await expect(call('volumes.listDir', { name: VOLUME, path: '/no/such' })).rejects.toMatchObject(
      { envelope: { kind: 'not-found', message: /no such folder/ } },
    );
    await expect(call('volumes.listDir', { name: 'nope-vol', path: '/' })).rejects.toMatchObject({
      envelope: { kind: 'not-found', message: /no volume named nope-vol/ },
    });
    // An unknown volume is never made by the bind of a helper.
    expect(await cli('volume', 'ls', '-q')).not.toContain('nope-vol');
    await expect(
      call('volumes.listDir', { name: VOLUME, path: '/sub/../..' }),
    ).rejects.toMatchObject({ envelope: { kind: 'bad-request' } });
    await noHelperLeft();
  });
});

describe('download and upload', () => {
  it('downloads a folder as a tar, its files as busybox cat reads them', async () => {
    const tarred = await tarEntries(
      await download({ kind: 'volumes.copyOut', args: { name: VOLUME, path: '/sub' } }),
    );
    expect([...tarred.keys()]).toEqual(['sub', 'sub/deep']);
    const deep = await inVolume(VOLUME, 'cat /d/sub/deep');
    expect(tarred.get('sub/deep')?.sha).toBe(createHash('sha256').update(deep).digest('hex'));
    await noHelperLeft();
  });

  it('uploads a file into a folder, where busybox cat reads it', async () => {
    const text = 'uploaded through Berth\n'.repeat(1000);
    const res = await upload(
      { kind: 'volumes.copyIn', args: { name: VOLUME, path: '/sub' } },
      'notes ü.txt',
      text,
    );
    expect(await res.json()).toEqual({ ok: true, value: { path: '/sub/notes ü.txt' } });
    expect(await inVolume(VOLUME, 'cat "/d/sub/notes ü.txt"')).toBe(text);
    await noHelperLeft();
  });

  it('refuses an upload into a missing folder, and leaves no helper', async () => {
    const res = await upload(
      { kind: 'volumes.copyIn', args: { name: VOLUME, path: '/missing' } },
      'x.txt',
      'x',
    );
    const reply = (await res.json()) as UploadReply;
    expect(!reply.ok && reply.error.message).toMatch(/no such folder/);
    await noHelperLeft();
  });
});

describe('export and import', () => {
  it('exports the volume and imports it into another: every file equal, byte for byte', async () => {
    const exported = await download({ kind: 'volumes.export', args: { name: VOLUME } });
    const truth = await cliVolumeEntries(VOLUME);
    expect(await tarEntries(exported)).toEqual(truth);
    await noHelperLeft();
    const res = await upload({ kind: 'volumes.import', args: { name: COPY } }, 'v.tar', exported);
    expect(await res.json()).toEqual({ ok: true, value: { volume: COPY } });
    expect(await cliVolumeEntries(COPY)).toEqual(truth);
    await noHelperLeft();
  });

  it('merges: an import keeps the files the tar does not hold', async () => {
    await inVolume(COPY, 'echo mine > /d/kept.txt');
    const one = tar.pack();
    one.entry({ name: 'a.txt' }, 'replaced\n');
    one.finalize();
    const res = await upload(
      { kind: 'volumes.import', args: { name: COPY } },
      'one.tar',
      await bytesOf(one),
    );
    expect(res.status).toBe(200);
    expect(await inVolume(COPY, 'cat /d/a.txt /d/kept.txt')).toBe('replaced\nmine\n');
  });

  it('refuses a file that is no tar and leaves the volume untouched', async () => {
    const before = await cliVolumeEntries(VOLUME);
    const res = await upload(
      { kind: 'volumes.import', args: { name: VOLUME } },
      'notes.txt',
      'these are notes, not a tar\n'.repeat(200),
    );
    expect(res.status).toBe(400);
    const reply = (await res.json()) as UploadReply;
    expect(!reply.ok && reply.error.message).toMatch(
      /not a tar archive \(its first record is not a tar header\)\. The volume was not changed/,
    );
    expect(await cliVolumeEntries(VOLUME)).toEqual(before);
    await noHelperLeft();
  });

  it('removes the helper when a download is cancelled midway', async () => {
    const ticket = await ticketFor({ kind: 'volumes.export', args: { name: VOLUME } });
    const abort = new AbortController();
    const res = await fetch(urlOf(ticket), { signal: abort.signal });
    const reader = res.body!.getReader();
    await reader.read();
    expect(await helpers()).toHaveLength(1);
    abort.abort();
    await noHelperLeft();
  });

  it('removes a helper another run left behind', async () => {
    await cli(
      'create',
      '--label',
      `${HELPER_LABEL}=${VOLUME}`,
      '-v',
      `${VOLUME}:/v`,
      busyboxImage,
      'true',
    );
    expect(await helpers()).toHaveLength(1);
    await call('volumes.listDir', { name: VOLUME, path: '/' });
    await noHelperLeft();
  });
});

describe('the shown docker lines', () => {
  it('download, upload, export and import through sh with a hostile path', async () => {
    const { image } = await call<{ image: string }>('volumes.helperImage');
    expect(image).toBe(busyboxImage);
    const target = { host: engine.endpoint };
    const run = async (volume: string, action: Parameters<typeof volumeCommandLines>[2]) => {
      const lines = volumeCommandLines(volume, image, action, 'posix', target);
      await execFileAsync('sh', ['-c', lines.split('\n').join(' && ')], { cwd: scratch });
    };
    await run(VOLUME, { kind: 'download', path: `/${ODD}` });
    expect([...(await tarEntries(await readFile(join(scratch, `${ODD}.tar`)))).keys()]).toEqual([
      ODD,
      `${ODD}/f.txt`,
    ]);
    const local = `x:y ${ODD}.txt`;
    await writeFile(join(scratch, local), 'in\n');
    await run(VOLUME, { kind: 'upload', folder: `/${ODD}`, fileName: local });
    expect(await inVolume(VOLUME, 'cat "/d/$1/$2"', ODD, local)).toBe('in\n');
    // COPY's name has every character a volume name may hold besides letters and digits: . - _
    await run(COPY, { kind: 'export' });
    const truth = await cliVolumeEntries(COPY);
    expect(await tarEntries(await readFile(join(scratch, `${COPY}.tar`)))).toEqual(truth);
    await inVolume(COPY, 'rm /d/a.txt');
    await run(COPY, { kind: 'import' });
    expect(await cliVolumeEntries(COPY)).toEqual(truth);
    await noHelperLeft();
  });

  it('refuses a volume name the engine would not take, before the engine hears of it', async () => {
    for (const name of ['x;id', '../etc', '-v', 'a b']) {
      await expect(call('volumes.listDir', { name, path: '/' })).rejects.toMatchObject({
        envelope: { kind: 'bad-request' },
      });
      await expect(ticketFor({ kind: 'volumes.export', args: { name } })).rejects.toMatchObject({
        envelope: { kind: 'bad-request' },
      });
    }
  });
});

describe('an engine without any image', () => {
  it('says no helper can be made and what to do, without pulling anything', async () => {
    await cli('rmi', busyboxImage);
    expect(await cli('images', '-q')).toBe('');
    expect(await call('volumes.helperImage')).toEqual({ image: null });
    await expect(call('volumes.listDir', { name: VOLUME, path: '/' })).rejects.toMatchObject({
      envelope: {
        kind: 'not-found',
        message: /helper container made from a local image, and this engine has no image at all/,
        hint: /docker pull busybox/,
      },
    });
    await expect(
      ticketFor({ kind: 'volumes.export', args: { name: VOLUME } }),
    ).rejects.toMatchObject({ envelope: { message: /no image at all/ } });
    expect(await cli('images', '-q')).toBe('');
  });
});
