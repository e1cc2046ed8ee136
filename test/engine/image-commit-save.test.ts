// Commit, save and load, remove and prune against a real engine, with the
// docker CLI as the truth: a commit's author, message and changes as `docker
// inspect` reads them, and the shown `docker commit` line run through a real
// shell makes the same image; two images saved into one tar load back after
// being removed, and a file that is no image archive is refused in words;
// an image a running container uses is not removed, forced or not; the prune
// preview names exactly what the engine's prune then removes.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { ImageInspectInfo } from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/server.ts';
import type {
  CommitSpec,
  PrunePreview,
  PruneResult,
} from '../../electron/contract/image-commit-channels.ts';
import { commitCommandLine } from '../../electron/contract/commit-spec.ts';
import { LineSplitter } from '../../electron/contract/line-splitter.ts';
import type { TransferProgress } from '../../electron/contract/transfer-progress-channels.ts';
import type { TransferTicket, UploadReply } from '../../electron/contract/transfers-channels.ts';
import type { AppServices } from '../../electron/services/app-services.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { faceCall, faceStream, openFaceSocket } from '../helpers/face-client.ts';
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
  env = await startEngineServices({ name: 'commit' });
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
  await docker(
    engine,
    'run',
    '-d',
    '--name',
    'box',
    busyboxImage,
    'sh',
    '-c',
    'echo made > /made; exec sleep 3600',
  );
});

afterAll(async () => {
  ws?.close();
  await host?.close();
  await env?.dispose();
});

const call = (channel: string, ...args: unknown[]) => faceCall(ws, channel, ...args);
const inspectImage = async (ref: string) =>
  (JSON.parse(await docker(engine, 'image', 'inspect', ref)) as [ImageInspectInfo])[0];
const envelopeOf = async (promise: Promise<unknown>) =>
  (
    (await promise.then(
      () => {
        throw new Error('expected a refusal');
      },
      (err: { envelope?: unknown }) => err,
    )) as { envelope: { kind: string; message: string; engineMessage?: string; hint?: string } }
  ).envelope;

const hostile: Omit<CommitSpec, 'container' | 'repository'> = {
  tag: 'v1',
  message: `it's "made" $(id) \`id\` ; echo pwned\nsecond line`,
  author: "Ann O'Neil <ann@example.com> $HOME",
  pause: false,
  changes: [
    'ENV GREETING="hello $(id)" MODE="it\'s"',
    'EXPOSE 8080/tcp',
    'LABEL note="a;b|c&d `id`"',
    'WORKDIR /srv/app',
    'CMD ["sh", "-c", "echo $GREETING"]',
  ],
};

describe('commit', () => {
  let made: ImageInspectInfo;

  it('makes an image with the author, message and changes, as docker inspect reads them', async () => {
    const { id } = (await call('images.commit', {
      ...hostile,
      container: 'box',
      repository: 'berth/committed',
    })) as { id: string };
    made = await inspectImage('berth/committed:v1');
    expect(made.Id).toBe(id);
    expect(made.Author).toBe(hostile.author);
    expect(made.Comment).toBe(hostile.message);
    expect(made.Config.Env).toContain('GREETING=hello $(id)');
    expect(made.Config.Env).toContain("MODE=it's");
    expect(Object.keys(made.Config.ExposedPorts ?? {})).toEqual(['8080/tcp']);
    expect(made.Config.Labels).toMatchObject({ note: 'a;b|c&d `id`' });
    expect(made.Config.WorkingDir).toBe('/srv/app');
    expect(made.Config.Cmd).toEqual(['sh', '-c', 'echo $GREETING']);
    // The newest history row is the commit: its comment is the message (the Layers tab shows it).
    const history = JSON.parse(
      `[${(await docker(engine, 'history', '--no-trunc', '--format', '{{json .}}', id)).trim().split('\n').join(',')}]`,
    ) as { Comment: string; CreatedBy: string }[];
    expect(history[0]!.Comment).toBe(hostile.message);
    const { stdout } = await execFileAsync('docker', [
      '-H',
      engine.endpoint,
      'run',
      '--rm',
      id,
      'cat',
      '/made',
    ]);
    expect(stdout).toBe('made\n');
  });

  it('shows a docker commit line that makes the same image through a real shell', async () => {
    const line = commitCommandLine(
      { ...hostile, container: 'box', repository: 'berth/by-cli' },
      'posix',
      { host: engine.endpoint },
    );
    await execFileAsync('sh', ['-c', line]);
    const cli = await inspectImage('berth/by-cli:v1');
    for (const key of [
      'Env',
      'ExposedPorts',
      'Labels',
      'WorkingDir',
      'Cmd',
      'Entrypoint',
    ] as const) {
      expect(cli.Config[key]).toEqual(made.Config[key]);
    }
    expect([cli.Author, cli.Comment]).toEqual([made.Author, made.Comment]);
  });

  it('refuses a change docker commit does not take before calling the engine', async () => {
    const envelope = await envelopeOf(
      call('images.commit', { ...hostile, container: 'box', repository: 'x', changes: ['RUN id'] }),
    );
    expect(envelope.kind).toBe('bad-request');
    expect(envelope.message).toMatch(/RUN cannot be a change/);
  });
});

let nextSid = 7000;

/** Every line of the ticket's `transfers.progress`, once it ended. */
async function progressOf(ticket: TransferTicket): Promise<TransferProgress[]> {
  const lines = new LineSplitter();
  const seen: TransferProgress[] = [];
  const take = (texts: string[]) =>
    seen.push(...texts.map((l) => JSON.parse(l) as TransferProgress));
  await faceStream(ws, nextSid++, 'transfers.progress', [{ id: ticket.id }], (bytes) =>
    take(lines.push(bytes)),
  );
  take(lines.end());
  return seen;
}

describe('save and load', () => {
  it('saves two images into one tar that loads back after they are removed', async () => {
    const ticket = (await call('transfers.open', {
      kind: 'images.save',
      args: { refs: ['berth/committed:v1', 'berth/by-cli:v1'] },
    })) as TransferTicket;
    expect(ticket.fileName).toBe('images.tar');
    const saving = progressOf(ticket);
    const res = await fetch(new URL(`/transfers/${ticket.id}`, host.url));
    expect(res.status).toBe(200);
    const tar = Buffer.from(await res.arrayBuffer());
    expect(tar.includes('manifest.json')).toBe(true);
    const saved = await saving;
    expect(saved[0]).toMatchObject({ bytes: 0, state: 'waiting' });
    const counts = saved.map((p) => p.bytes);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(saved.at(-1)).toMatchObject({ bytes: tar.length, state: 'done' });
    await docker(engine, 'rmi', 'berth/committed:v1', 'berth/by-cli:v1');

    const upload = (await call('transfers.open', {
      kind: 'images.load',
      args: {},
    })) as TransferTicket;
    const loading = progressOf(upload);
    const put = await fetch(new URL(`/transfers/${upload.id}`, host.url), {
      method: 'PUT',
      body: tar,
    });
    const reply = (await put.json()) as UploadReply;
    expect((await loading).at(-1)).toEqual({ bytes: tar.length, total: tar.length, state: 'done' });
    expect(reply).toEqual({
      ok: true,
      value: { loaded: expect.arrayContaining(['berth/committed:v1', 'berth/by-cli:v1']) },
    });
    expect((await inspectImage('berth/committed:v1')).Comment).toBe(hostile.message);
  });

  it('refuses a file that is not an image archive, in words', async () => {
    const upload = (await call('transfers.open', {
      kind: 'images.load',
      args: {},
    })) as TransferTicket;
    const put = await fetch(new URL(`/transfers/${upload.id}`, host.url), {
      method: 'PUT',
      body: 'just some text, not a tar\n'.repeat(100),
    });
    const reply = (await put.json()) as UploadReply;
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.message).toMatch(/not an image archive/i);
    expect(reply.error.engineMessage).toBeTruthy();
  });

  it('says at once when an image to save is missing', async () => {
    const envelope = await envelopeOf(
      call('transfers.open', { kind: 'images.save', args: { refs: ['berth/nothing:here'] } }),
    );
    expect(envelope.kind).toBe('not-found');
  });
});

describe('remove', () => {
  it('keeps an image a running container uses, forced or not, in the engine words', async () => {
    await docker(engine, 'tag', busyboxImage, 'berth/running:1');
    await docker(engine, 'run', '-d', '--name', 'runner', 'berth/running:1', 'sleep', '3600');
    const plain = await envelopeOf(call('images.remove', 'berth/running:1'));
    expect(plain.kind).toBe('conflict');
    expect(plain.engineMessage).toMatch(/being used by running container/);
    expect(plain.message).toMatch(/runner/);
    const forced = await envelopeOf(call('images.remove', 'berth/running:1', { force: true }));
    expect(forced.engineMessage).toMatch(/cannot be forced.*running container/);
    // Refused, nothing changed: both names are still there (a tag-by-tag removal dropped the other one).
    await inspectImage('berth/running:1');
    await inspectImage(busyboxImage);
    await docker(engine, 'rm', '-f', 'runner');
    await docker(engine, 'rmi', 'berth/running:1');
  });
});

/** The ids a `docker image prune` printed ("Deleted: sha256:…"), images and layers alike. */
function deletedIn(output: string): Set<string> {
  return new Set([...output.matchAll(/^deleted: (sha256:[0-9a-f]{64})$/gim)].map((m) => m[1]!));
}

describe('prune', () => {
  it('previews exactly what the engine then removes, dangling and all', async () => {
    // Dangling: an untagged commit, and an untagged commit on top of it (its parent goes with it);
    // kept: an untagged image a stopped container uses, and the tagged ones.
    const { id: lower } = (await call('images.commit', plainCommit('box'))) as { id: string };
    await docker(engine, 'run', '--name', 'upper-src', lower, 'sh', '-c', 'echo up > /up');
    const { id: upper } = (await call('images.commit', plainCommit('upper-src'))) as { id: string };
    await docker(engine, 'rm', 'upper-src');
    const { id: inUse } = (await call('images.commit', plainCommit('box'))) as { id: string };
    await docker(engine, 'create', '--name', 'holder', inUse);

    const dangling = (await call('images.prunePreview', { all: false })) as PrunePreview;
    expect(new Set(dangling.images.map((i) => i.id))).toEqual(new Set([lower, upper]));
    expect(dangling.keptInUse).toBe(1);
    const cli = await docker(engine, 'image', 'prune', '-f');
    const deleted = deletedIn(cli);
    expect(deleted.has(lower) && deleted.has(upper) && !deleted.has(inUse)).toBe(true);
    expect(cli).toContain(`Total reclaimed space: ${humanSize(dangling.bytesFreed)}`);

    await docker(engine, 'tag', busyboxImage, 'berth/unused:1');
    const all = (await call('images.prunePreview', { all: true })) as PrunePreview;
    const before = new Set(
      (await docker(engine, 'images', '-aq', '--no-trunc')).trim().split('\n'),
    );
    const pruned = (await call('images.prune', { all: true })) as PruneResult;
    expect(new Set(pruned.deleted)).toEqual(new Set(all.images.map((i) => i.id)));
    expect(pruned.bytesFreed).toBe(all.bytesFreed);
    const after = new Set((await docker(engine, 'images', '-aq', '--no-trunc')).trim().split('\n'));
    expect([...before].filter((id) => !after.has(id)).sort()).toEqual(pruned.deleted.sort());
    expect(after.has(inUse)).toBe(true);
    // The classic builder keeps no build cache.
    expect(all.buildCache).toBeNull();
  });
});

function plainCommit(container: string) {
  return { container, repository: '', tag: '', message: '', author: '', pause: true, changes: [] };
}

/** go-units' HumanSize, as the CLI prints "Total reclaimed space". */
function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let size = bytes;
  let unit = 0;
  while (size >= 1000 && unit < units.length - 1) {
    size /= 1000;
    unit++;
  }
  return `${Number(size.toPrecision(4))}${units[unit]}`;
}
