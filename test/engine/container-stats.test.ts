// The stats stream against a real engine, with the docker CLI as the truth for
// the figures, and the kernel's socket table as the truth for what stays open.
import Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isGone,
  type StatsLine,
  type StatsSample,
} from '../../electron/contract/container-stats.ts';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import type { ContainerSummary } from '../../electron/contract/container-types.ts';
import { LineSplitter } from '../../electron/contract/line-splitter.ts';
import { EngineConnection } from '../../electron/services/engine-connection.ts';
import { EventHub } from '../../electron/services/event-hub.ts';
import { openStatsStream } from '../../electron/services/containers/stats-stream.ts';
import { Dispatcher, type ServiceSet } from '../../electron/transport/dispatcher.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import { Agent } from 'node:http';
import { connectionsTo } from '../helpers/engine-sockets.ts';
import { ensureHealthImages, healthyImage, unhealthyImage } from '../helpers/health-images.ts';
import { docker, startManagedEngine, type TestEngine } from '../helpers/managed-engine.ts';

let engine: TestEngine;
let client: Docker;
let hostMemoryBytes: number;
const traced: string[] = [];

beforeAll(async () => {
  engine = await startManagedEngine();
  await ensureBusyboxImage(engine.endpoint);
  // No keep-alive: Node's default agent would park a finished request's socket for
  // reuse, and these tests count the engine connections each stats request holds.
  // (docker-modem takes `agent`; @types/dockerode does not list it.)
  const options = { socketPath: engine.socketPath, agent: new Agent({ keepAlive: false }) };
  client = new Docker(options as Docker.DockerOptions);
  hostMemoryBytes = (await client.info()).MemTotal as number;
});

afterAll(async () => {
  await engine?.cleanup();
});

const run = async (name: string, ...args: string[]) =>
  (await docker(engine, 'run', '-d', '--name', name, ...args)).trim();

const open = (ids: string[]) =>
  openStatsStream(ids, {
    docker: client,
    hostMemoryBytes,
    onTrace: (event, id) => traced.push(`${event} ${id}`),
  });

/** Collects a stream's lines by container id. */
function collect(stream: Readable) {
  const lines: StatsLine[] = [];
  const splitter = new LineSplitter();
  stream.on('data', (chunk: Buffer) => {
    lines.push(...splitter.push(chunk).map((p) => JSON.parse(p) as StatsLine));
  });
  const ended = new Promise<void>((resolve) => stream.once('end', resolve));
  return {
    lines,
    ended,
    samples: (id: string) => lines.filter((l): l is StatsSample => l.id === id && !isGone(l)),
    gone: (id: string) => lines.some((l) => l.id === id && isGone(l)),
  };
}

async function until(check: () => boolean | Promise<boolean>, ms = FOLLOW_MS): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`Timed out after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The engine's connection count once it holds still: a CLI that just exited
 * (`docker run -d`) leaves its connection in the engine's table for a moment.
 */
async function settledConnections(socketPath: string): Promise<number> {
  let last = await connectionsTo(socketPath);
  let same = 0;
  await until(async () => {
    const now = await connectionsTo(socketPath);
    same = now === last ? same + 1 : 0;
    last = now;
    return same >= 3;
  });
  return last;
}

/** "536KiB / 64MiB" -> bytes, as the CLI prints them (binary units). */
function cliBytes(text: string): number {
  const m = /^([\d.]+)\s*([KMGT]?i?B)$/.exec(text.trim());
  if (!m) throw new Error(`Not a size: ${text}`);
  const power = { B: 0, KiB: 1, MiB: 2, GiB: 3, TiB: 4 }[m[2]!] ?? NaN;
  return Number(m[1]) * 1024 ** power;
}

/** "1.03kB" -> bytes: NetIO and BlockIO use decimal units. */
function cliDecimalBytes(text: string): number {
  const m = /^([\d.]+)\s*([kMGT]?B)$/.exec(text.trim());
  if (!m) throw new Error(`Not a size: ${text}`);
  const power = { B: 0, kB: 1, MB: 2, GB: 3, TB: 4 }[m[2]!] ?? NaN;
  return Number(m[1]) * 1000 ** power;
}

async function cliStats(name: string) {
  const json = JSON.parse(
    await docker(engine, 'stats', '--no-stream', '--format', '{{json .}}', name),
  ) as { CPUPerc: string; MemUsage: string };
  const [used, limit] = json.MemUsage.split(' / ') as [string, string];
  return { cpu: parseFloat(json.CPUPerc), memory: cliBytes(used), limit: cliBytes(limit) };
}

describe('the containers.stats stream', () => {
  it('reports a busy container near a full CPU and an idle one near zero, with the memory the CLI shows', async () => {
    const busy = await run('busy', '-m', '64m', busyboxImage, 'sh', '-c', 'while :; do :; done');
    const idle = await run('idle', busyboxImage, 'sleep', '100000');
    const stream = open([busy, idle]);
    const got = collect(stream);
    try {
      await until(
        () =>
          got.samples(busy).filter((s) => s.cpu !== null).length >= 2 &&
          got.samples(idle).filter((s) => s.cpu !== null).length >= 2,
      );
      const seenBefore = { busy: got.samples(busy).length, idle: got.samples(idle).length };
      const cli = await cliStats('busy');
      const cliIdle = await cliStats('idle');
      // A sample after the CLI's too: the CLI read its figures between two of ours.
      await until(
        () =>
          got.samples(busy).length > seenBefore.busy && got.samples(idle).length > seenBefore.idle,
      );
      const busyNow = got.samples(busy).at(-1)!;
      const idleNow = got.samples(idle).at(-1)!;
      /** How far the CLI's memory is from the nearest of our samples around its reading. */
      const memoryGap = (id: string, seen: number, cliMemory: number) =>
        Math.min(
          ...got
            .samples(id)
            .slice(Math.max(0, seen - 1))
            .map((s) => Math.abs(s.memory - cliMemory)),
        );
      // The first sample has no previous one to compare with: no CPU figure yet.
      expect(got.samples(busy)[0]!.cpu).toBeNull();
      // Samples a second apart on a noisy 2-core machine: generous bounds, but far from 0.
      expect(busyNow.cpu!).toBeGreaterThan(30);
      expect(cli.cpu).toBeGreaterThan(30);
      expect(Math.abs(busyNow.cpu! - cli.cpu)).toBeLessThan(60);
      expect(idleNow.cpu!).toBeLessThan(5);
      expect(cliIdle.cpu).toBeLessThan(5);
      // Memory: the CLI rounds to 4 significant digits; allow that and a little drift.
      expect(memoryGap(busy, seenBefore.busy, cli.memory)).toBeLessThan(
        Math.max(256 * 1024, cli.memory * 0.2),
      );
      expect(memoryGap(idle, seenBefore.idle, cliIdle.memory)).toBeLessThan(
        Math.max(256 * 1024, cliIdle.memory * 0.2),
      );
      expect(busyNow.limit).toBe(64 * 2 ** 20);
      expect(cli.limit).toBe(64 * 2 ** 20);
      expect(idleNow.limit).toBeNull(); // no limit: the engine reports the host's memory
      expect(Math.abs(cliIdle.limit - hostMemoryBytes)).toBeLessThan(hostMemoryBytes * 0.01);
    } finally {
      stream.destroy();
    }
  });

  it('reports network, block I/O, PIDs and memory % as `docker stats` does', async () => {
    const io = await run(
      'io',
      '-m',
      '64m',
      '-v',
      'io-data:/data',
      busyboxImage,
      'sh',
      '-c',
      'dd if=/dev/zero of=/data/f bs=64k count=16 oflag=direct; sleep 100000 & sleep 200000',
    );
    const stream = open([io]);
    const got = collect(stream);
    try {
      await until(() => got.samples(io).at(-1)?.pids === 2);
      const cli = JSON.parse(
        await docker(engine, 'stats', '--no-stream', '--format', '{{json .}}', 'io'),
      ) as { NetIO: string; BlockIO: string; PIDs: string; MemPerc: string };
      const now = got.samples(io).at(-1)!;
      expect(now.pids).toBe(Number(cli.PIDs));
      // The CLI prints these in decimal units, to 3 significant digits.
      const [rx, tx] = cli.NetIO.split(' / ').map(cliDecimalBytes) as [number, number];
      const [read, write] = cli.BlockIO.split(' / ').map(cliDecimalBytes) as [number, number];
      const near = (ours: number, theirs: number) =>
        expect(Math.abs(ours - theirs)).toBeLessThanOrEqual(Math.max(theirs * 0.01, 512));
      near(now.network!.rx, rx);
      near(now.network!.tx, tx);
      // Here block I/O stays 0 on both sides even with direct I/O to a volume (this
      // machine's cgroup v1 charges none to the container); the equality still holds.
      near(now.blockIo!.read, read);
      near(now.blockIo!.write, write);
      expect(Math.abs(now.memoryPercent! - parseFloat(cli.MemPerc))).toBeLessThan(0.5);
    } finally {
      stream.destroy();
    }
  });

  it('ends the samples of a container that stops, and closes its engine request', async () => {
    const stopper = await run('stopper', busyboxImage, 'sleep', '100000');
    const idle = (await docker(engine, 'inspect', '--format', '{{.Id}}', 'idle')).trim();
    const stream = open([stopper, idle]);
    const got = collect(stream);
    try {
      await until(() => got.samples(stopper).length > 0 && got.samples(idle).length > 0);
      expect(await connectionsTo(engine.socketPath)).toBeGreaterThanOrEqual(2);
      const before = await connectionsTo(engine.socketPath);
      await docker(engine, 'kill', 'stopper');
      await until(() => got.gone(stopper));
      const seen = got.samples(stopper).length;
      const idleSeen = got.samples(idle).length;
      await until(() => got.samples(idle).length >= idleSeen + 2);
      expect(got.samples(stopper).length).toBe(seen); // nothing after `gone`
      expect(got.gone(idle)).toBe(false);
      await until(async () => (await connectionsTo(engine.socketPath)) === before - 1);
    } finally {
      stream.destroy();
    }
  });

  it('closes every engine connection when the stream is cancelled', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await run(`many-${i}`, busyboxImage, 'sleep', '100000'));
    const baseline = await settledConnections(engine.socketPath);
    traced.length = 0;
    const stream = open(ids);
    const got = collect(stream);
    await until(() => ids.every((id) => got.samples(id).length > 0));
    expect(await settledConnections(engine.socketPath)).toBe(baseline + ids.length);
    stream.destroy();
    await until(async () => (await connectionsTo(engine.socketPath)) === baseline);
    expect(traced.filter((t) => t.startsWith('open')).sort()).toEqual(
      ids.map((id) => `open ${id}`).sort(),
    );
    expect(traced.filter((t) => t.startsWith('close')).sort()).toEqual(
      ids.map((id) => `close ${id}`).sort(),
    );
    // Still closed a moment later: nothing reconnects behind our back.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await connectionsTo(engine.socketPath)).toBe(baseline);
  });

  it('says a stopped or missing container is gone, and ends when none is left', async () => {
    const created = (await docker(engine, 'create', busyboxImage, 'true')).trim();
    const missing = 'f'.repeat(64);
    const got = collect(open([created, missing]));
    await got.ended;
    expect(got.lines).toEqual(
      expect.arrayContaining([
        { id: created, gone: true },
        { id: missing, gone: true },
      ]),
    );
    expect(got.lines).toHaveLength(2);
  });

  it('refuses too many ids and anything that is not an id with bad-request, before asking the engine', async () => {
    traced.length = 0;
    const services = {
      calls: {},
      streams: { 'containers.stats': ({ ids }: { ids: string[] }) => open(ids) },
      events: new EventHub(),
    } as unknown as ServiceSet;
    const dispatcher = new Dispatcher(services);
    const refusal = (args: unknown) =>
      new Promise<ErrorEnvelope | undefined>((resolve) =>
        dispatcher.openStream('containers.stats', args, { data: () => {}, end: resolve }),
      );
    const tooMany = Array.from({ length: 201 }, (_, i) => i.toString(16).padStart(64, '0'));
    expect(await refusal([{ ids: tooMany }])).toMatchObject({ kind: 'bad-request' });
    expect(await refusal([{ ids: ['busy'] }])).toMatchObject({ kind: 'bad-request' });
    expect(await refusal([{ ids: ['../../info'] }])).toMatchObject({ kind: 'bad-request' });
    expect(await refusal([{}])).toMatchObject({ kind: 'bad-request' });
    expect(traced).toEqual([]);
  });
});

describe('health in the container list', () => {
  it('follows the engine to healthy or unhealthy, by its events alone (the mirror never polls)', async () => {
    await ensureHealthImages(engine);
    const rows = new Map<string, ContainerSummary>();
    let listed = false;
    const connection = new EngineConnection({
      engineId: 'test',
      endpoint: { url: engine.endpoint },
      nextSeq: (() => {
        let n = 0;
        return () => ++n;
      })(),
      onDelta: (resource, d) => {
        if (resource !== 'containers') return;
        listed ||= d.reset;
        for (const c of d.upserts) rows.set(c.name, c);
      },
      onEventsConnected: () => {},
      onError: (message) => console.warn(message),
    });
    connection.start();
    try {
      await until(() => connection.eventsConnected);
      await until(() => listed); // the first heal has listed what exists
      await run('ok', healthyImage);
      await run('sick', unhealthyImage);
      await until(
        () => rows.get('ok')?.health === 'healthy' && rows.get('sick')?.health === 'unhealthy',
      );
      // The CLI agrees.
      expect(
        await docker(engine, 'ps', '--filter', 'name=^ok$', '--format', '{{.Status}}'),
      ).toMatch(/\(healthy\)/);
      expect(
        await docker(engine, 'ps', '--filter', 'name=^sick$', '--format', '{{.Status}}'),
      ).toMatch(/\(unhealthy\)/);
      const plain = rows.get('idle');
      expect(plain && 'health' in plain).toBe(false);
    } finally {
      connection.dispose();
    }
  });
});
