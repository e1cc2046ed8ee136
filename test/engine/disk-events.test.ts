// Disk usage and the events log against a real engine, with the docker CLI as
// the truth: `disk.usage` reads as `docker system df` and `docker system df -v`
// do; each prune's preview names exactly what the engine's prune then removes
// and frees (and this engine's rule for volumes, said plainly); the events log
// replays its ring then goes on live in the engine's order, keeps at most
// EVENT_RING_SIZE events, and exports the engine's own lines, as `docker
// events` prints them.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/browser-host/server.ts';
import {
  cliSize,
  pruneCommandLine,
  type DiskPrunePreview,
  type DiskPruneResult,
  type DiskTotals,
  type DiskUsage,
} from '../../electron/contract/disk-channels.ts';
import type { EventLogEntry } from '../../electron/contract/events-channels.ts';
import type { TransferTicket } from '../../electron/contract/transfers-channels.ts';
import type { AppServices } from '../../electron/services/app-services.ts';
import { EVENT_RING_SIZE } from '../../electron/services/events/event-ring.ts';
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
let api: Docker;

beforeAll(async () => {
  env = await startEngineServices({ name: 'disk' });
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
  api = new Docker({ socketPath: engine.endpoint.replace(/^unix:\/\//, '') });
});

afterAll(async () => {
  ws?.close();
  await host?.close();
  await env?.dispose();
});

const call = <T>(channel: string, ...args: unknown[]) =>
  faceCall(ws, channel, ...args) as Promise<T>;
const jsonLines = <T>(text: string) =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);

let nextSid = 9000;
/** Follows `events.follow` until `until` holds of what came, then cancels it. */
async function follow(
  replay: boolean,
  until: (got: EventLogEntry[]) => boolean,
  meanwhile?: () => Promise<void>,
): Promise<EventLogEntry[]> {
  const sid = nextSid++;
  const got: EventLogEntry[] = [];
  let rest = '';
  let done: () => void = () => {};
  const enough = new Promise<void>((resolve) => (done = resolve));
  const ended = faceStream(ws, sid, 'events.follow', [{ replay }], (bytes) => {
    rest += Buffer.from(bytes).toString();
    const parts = rest.split('\n');
    rest = parts.pop()!;
    got.push(...parts.map((p) => JSON.parse(p) as EventLogEntry));
    if (until(got)) done();
  }).catch(() => undefined);
  await meanwhile?.();
  await enough;
  ws.send(JSON.stringify({ t: 'cancel', sid }));
  await ended;
  return got;
}

describe('disk usage', () => {
  beforeAll(async () => {
    await docker(engine, 'volume', 'create', 'disk-used');
    await docker(engine, 'volume', 'create', 'disk-unused');
    await docker(
      engine,
      'run',
      '--rm',
      '-v',
      'disk-unused:/v',
      busyboxImage,
      'sh',
      '-c',
      'head -c 300000 /dev/zero > /v/fill',
    );
    await docker(
      engine,
      'run',
      '-d',
      '--name',
      'disk-running',
      '-v',
      'disk-used:/v',
      busyboxImage,
      'sh',
      '-c',
      'head -c 120000 /dev/zero > /v/f; head -c 50000 /dev/zero > /big; exec sleep 3600',
    );
    await docker(
      engine,
      'run',
      '--name',
      'disk-exited-1',
      busyboxImage,
      'sh',
      '-c',
      'head -c 70000 /dev/zero > /big',
    );
    await docker(
      engine,
      'run',
      '--name',
      'disk-exited-2',
      '-v',
      '/anon',
      busyboxImage,
      'sh',
      '-c',
      'head -c 2000 /dev/zero > /anon/a',
    );
    await docker(engine, 'create', '--name', 'disk-created', busyboxImage);
  });

  it('reads as docker system df does, line by line', async () => {
    await expect
      .poll(async () => (await docker(engine, 'ps', '-q', '-f', 'name=disk-running')).trim())
      .not.toBe('');
    const usage = await call<DiskUsage>('disk.usage');
    const cli = jsonLines<Record<string, string>>(
      await docker(engine, 'system', 'df', '--format', '{{json .}}'),
    );
    const asCli = (t: DiskTotals) => ({
      TotalCount: String(t.total),
      Active: String(t.active),
      Size: cliSize(t.size),
      Reclaimable:
        t.reclaimablePercent === null
          ? cliSize(t.reclaimable)
          : `${cliSize(t.reclaimable)} (${t.reclaimablePercent}%)`,
    });
    expect(usage.totals.map(asCli)).toEqual(
      cli.map((l) => ({
        TotalCount: l.TotalCount,
        Active: l.Active,
        Size: l.Size,
        Reclaimable: l.Reclaimable,
      })),
    );
    const containers = usage.totals.find((t) => t.kind === 'containers')!;
    expect(containers).toMatchObject({ total: 4, active: 1 });
    expect(containers.reclaimable).toBeGreaterThanOrEqual(70_000);
  });

  it('has the rows docker system df -v lists', async () => {
    const usage = await call<DiskUsage>('disk.usage');
    const verbose = JSON.parse(
      await docker(engine, 'system', 'df', '-v', '--format', '{{json .}}'),
    ) as {
      Images: { ID: string; Size: string; SharedSize: string; Containers: string }[];
      Containers: { Names: string; Size: string }[];
      Volumes: { Name: string; Links: string; Size: string }[];
    };
    const byName = <T>(rows: T[], key: (r: T) => string) =>
      rows.map((r) => [key(r), r] as const).sort(([a], [b]) => a.localeCompare(b));
    expect(
      byName(usage.volumes, (v) => v.name).map(([n, v]) => [n, String(v.links), cliSize(v.size)]),
    ).toEqual(byName(verbose.Volumes, (v) => v.Name).map(([n, v]) => [n, v.Links, v.Size]));
    expect(byName(usage.containers, (c) => c.name).map(([n, c]) => [n, cliSize(c.size)])).toEqual(
      byName(verbose.Containers, (c) => c.Names).map(([n, c]) => [n, c.Size]),
    );
    expect(
      usage.images.map((i) => [
        i.id,
        cliSize(i.size, 3),
        cliSize(i.sharedSize, 3),
        String(i.containers),
      ]),
    ).toEqual(verbose.Images.map((i) => [i.ID, i.Size, i.SharedSize, i.Containers]));
  });
});

describe('prunes', () => {
  it('removes exactly the stopped containers it previewed, freeing what it said', async () => {
    const preview = await call<DiskPrunePreview>('disk.prunePreview', {
      kind: 'containers',
      all: false,
    });
    expect(preview.items.map((i) => i.name).sort()).toEqual([
      'disk-created',
      'disk-exited-1',
      'disk-exited-2',
    ]);
    expect(preview.kept).toBe(1);
    const result = await call<DiskPruneResult>('disk.prune', { kind: 'containers', all: false });
    expect(result.removed.map((i) => i.id).sort()).toEqual(preview.items.map((i) => i.id).sort());
    expect(result.removed.map((i) => i.name).sort()).toEqual(
      preview.items.map((i) => i.name).sort(),
    );
    expect(result.bytesFreed).toBe(preview.bytes);
    expect((await docker(engine, 'ps', '-a', '--format', '{{.Names}}')).trim()).toBe(
      'disk-running',
    );
    const again = await call<DiskPrunePreview>('disk.prunePreview', {
      kind: 'containers',
      all: false,
    });
    expect(again.items).toEqual([]);
    expect(
      await call<DiskPruneResult>('disk.prune', { kind: 'containers', all: false }),
    ).toMatchObject({
      removed: [],
      bytesFreed: 0,
    });
  });

  it('prunes volumes by this engine rule: every unused local volume, named too, on API 1.41', async () => {
    const preview = await call<DiskPrunePreview>('disk.prunePreview', {
      kind: 'volumes',
      all: false,
    });
    const unused = preview.items.map((i) => i.name);
    // dockerd 20.10 (API 1.41) has no anonymous-only prune: the named volume goes too.
    expect(unused).toContain('disk-unused');
    expect(unused).not.toContain('disk-used');
    expect(unused).toHaveLength(2);
    expect(preview.allSupported).toBe(false);
    expect(preview.rule).toMatch(/named or anonymous/);
    // The engine itself refuses the newer engines' `all` filter.
    await expect(api.pruneVolumes({ filters: { all: ['true'] } })).rejects.toThrow(/all/);
    // The shown command, pointed at this engine and run through a real shell, is the one that acts.
    const line = pruneCommandLine({ kind: 'volumes', all: false }, 'posix', {
      host: engine.endpoint,
    });
    expect(line).toBe(`docker -H ${engine.endpoint} volume prune -f`);
    const result = await call<DiskPruneResult>('disk.prune', { kind: 'volumes', all: false });
    expect(result.removed.map((i) => i.name).sort()).toEqual([...unused].sort());
    expect(result.bytesFreed).toBe(preview.bytes);
    expect(result.bytesFreed).toBeGreaterThanOrEqual(300_000);
    expect((await docker(engine, 'volume', 'ls', '-q')).trim()).toBe('disk-used');
    await docker(engine, 'volume', 'create', 'disk-shell');
    await execFileAsync('sh', ['-c', line]);
    expect((await docker(engine, 'volume', 'ls', '-q')).trim()).toBe('disk-used');
  });

  it('says the classic builder keeps no build cache, and a build cache prune frees what it listed', async () => {
    const preview = await call<DiskPrunePreview>('disk.prunePreview', {
      kind: 'buildCache',
      all: false,
    });
    const usage = await call<DiskUsage>('disk.usage');
    expect(preview.items.map((i) => i.id).sort()).toEqual(
      usage.buildCache
        .filter((c) => !c.inUse && !c.shared)
        .map((c) => c.id)
        .sort(),
    );
    const result = await call<DiskPruneResult>('disk.prune', { kind: 'buildCache', all: false });
    expect(result.removed.map((i) => i.id).sort()).toEqual(preview.items.map((i) => i.id).sort());
    expect(result.bytesFreed).toBe(preview.bytes);
    if (usage.buildCache.length === 0) expect(preview.rule).toMatch(/keeps no build cache/);
  });
});

describe('events log', () => {
  let since = '';

  it('replays the ring, then goes on live in the engine order', async () => {
    const before = services.manager.connection().eventLog.entries().length;
    expect(before).toBeGreaterThan(0);
    since = String(Math.floor(Date.now() / 1000) - 1);
    const got = await follow(
      true,
      (all) => all.some((e) => e.name === 'ev-box' && e.action === 'destroy'),
      async () => {
        await docker(engine, 'run', '--rm', '--name', 'ev-box', busyboxImage, 'true');
      },
    );
    expect(got.length).toBeGreaterThan(before);
    const seqs = got.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    const box = got.filter((e) => e.name === 'ev-box').map((e) => e.action);
    expect(box.filter((a) => ['create', 'start', 'die', 'destroy'].includes(a))).toEqual([
      'create',
      'start',
      'die',
      'destroy',
    ]);
  });

  it('exports the engine lines as docker events prints them', async () => {
    const until = String(Math.floor(Date.now() / 1000) + 1);
    const ticket = await call<TransferTicket>('transfers.open', {
      kind: 'events.export',
      args: { type: 'container', text: 'ev-box' },
    });
    expect(ticket.fileName).toBe('events.jsonl');
    const res = await fetch(new URL(`/transfers/${ticket.id}`, host.url));
    expect(res.status).toBe(200);
    const exported = jsonLines<{
      Type: string;
      Action: string;
      timeNano: number;
      Actor: { ID: string };
    }>(await res.text());
    const cli = jsonLines<{
      Type: string;
      Action: string;
      timeNano: number;
      Actor: { ID: string };
    }>(
      await docker(
        engine,
        'events',
        '--since',
        since,
        '--until',
        until,
        '--filter',
        'type=container',
        '--filter',
        'container=ev-box',
        '--format',
        '{{json .}}',
      ),
    );
    const key = (e: { Type: string; Action: string; timeNano: number; Actor: { ID: string } }) =>
      `${e.Type} ${e.Action} ${e.Actor.ID} ${e.timeNano}`;
    expect(exported.map(key)).toEqual(cli.map(key));
    expect(exported.length).toBeGreaterThanOrEqual(4);
  });

  it(`keeps the newest ${EVENT_RING_SIZE} events and no more`, async () => {
    const ring = services.manager.connection().eventLog;
    const target = EVENT_RING_SIZE + 100;
    const started = Date.now();
    // A TTY resize is an event that writes nothing to disk: the cheapest the engine has.
    // Several containers: the engine resizes one container's TTY at a time.
    const ttys = ['ev-tty-1', 'ev-tty-2', 'ev-tty-3', 'ev-tty-4'];
    for (const name of ttys)
      await docker(engine, 'run', '-d', '-t', '--name', name, busyboxImage, 'sleep', '3600');
    let made = 0;
    const worker = async (w: number) => {
      const tty = api.getContainer(ttys[w % ttys.length]!);
      while (made < target) {
        made++;
        await tty.resize({ h: 20 + (made % 10), w: 80 });
      }
    };
    await Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
    await expect
      .poll(() => ring.entries().filter((e) => e.entry.action === 'resize').length, {
        timeout: 30_000,
      })
      .toBe(EVENT_RING_SIZE);
    console.log(`ring: ${target} events in ${Date.now() - started} ms`);
    const entries = ring.entries();
    expect(entries).toHaveLength(EVENT_RING_SIZE);
    const first = entries[0]!.entry.seq;
    expect(entries.map((e) => e.entry.seq)).toEqual(
      Array.from({ length: EVENT_RING_SIZE }, (_, i) => first + i),
    );
    // The replay is the ring as it stands: as many, consecutive, none older.
    const replayed = await follow(true, (all) => all.length >= EVENT_RING_SIZE);
    const from = replayed[0]!.seq;
    expect(from).toBeGreaterThanOrEqual(first);
    expect(replayed.slice(0, EVENT_RING_SIZE).map((e) => e.seq)).toEqual(
      Array.from({ length: EVENT_RING_SIZE }, (_, i) => from + i),
    );
    await docker(engine, 'rm', '-f', ...ttys);
  });
});
