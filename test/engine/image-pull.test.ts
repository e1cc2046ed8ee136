// Pulling through the `images.pull` stream (the app's own services, dispatcher
// and pump, as a renderer opens it) from a real registry on loopback, with the
// docker CLI as the truth about what the engine holds afterwards.
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import { LineSplitter } from '../../electron/contract/line-splitter.ts';
import {
  applyPullLine,
  emptyPullState,
  pullLinesOf,
  summarizePull,
  type PullLine,
  type PullSummary,
} from '../../electron/contract/pull-progress.ts';
import { emptyRunSpec } from '../../electron/contract/run-spec/spec.ts';
import type { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { docker, type TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';
import { freePort, startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { hasImage, publishBlobImage } from '../helpers/registry-images.ts';
import { startStallingProxy } from '../helpers/stalling-proxy.ts';

let env: EngineServices;
let engine: TestEngine;
let registry: TestRegistry;
let dispatcher: Dispatcher;

beforeAll(async () => {
  env = await startEngineServices({ name: 'pull', busybox: false });
  ({ engine, dispatcher } = env);
  registry = await startRegistry();
});

afterAll(async () => {
  await registry?.stop();
  await env?.dispose();
});

interface OpenPull {
  lines: PullLine[];
  summaries: PullSummary[];
  /** Resolves with the stream's error (undefined on success) and when it ended. */
  ended: Promise<{ error?: ErrorEnvelope; at: number }>;
  cancel(): void;
}

/** Opens `images.pull` as the renderer does: decode, fold, ack each frame. */
function openPull(ref: unknown, onLine?: (line: PullLine, pull: OpenPull) => void): OpenPull {
  let state = emptyPullState();
  const splitter = new LineSplitter();
  let finish!: (end: { error?: ErrorEnvelope; at: number }) => void;
  const pull: OpenPull = {
    lines: [],
    summaries: [],
    ended: new Promise((resolve) => (finish = resolve)),
    cancel: () => control.cancel(),
  };
  const control = dispatcher.openStream('images.pull', [{ ref }], {
    data(bytes) {
      for (const line of pullLinesOf(splitter.push(bytes))) {
        pull.lines.push(line);
        state = applyPullLine(state, line);
        pull.summaries.push(summarizePull(state));
        onLine?.(line, pull);
      }
      control.ack(bytes.byteLength);
    },
    end(error) {
      finish({ ...(error ? { error } : {}), at: Date.now() });
    },
  });
  return pull;
}

describe('images.pull', () => {
  it('streams per-layer progress from a real registry and ends with the image here', async () => {
    const ref = `${registry.host}/berth/blob:progress`;
    await publishBlobImage(engine, ref);
    expect(await hasImage(engine, ref)).toBe(false);

    const pull = openPull(ref);
    const end = await pull.ended;
    expect(end.error).toBeUndefined();
    expect(await hasImage(engine, ref)).toBe(true);

    const downloading = pull.lines.filter((l) => l.status === 'Downloading');
    expect(downloading.length).toBeGreaterThan(0);
    expect(downloading.every((l) => l.id && (l.total ?? 0) > 0)).toBe(true);
    // The busybox base layer is here already; the 20 MB one is fetched.
    expect(pull.lines.some((l) => l.status === 'Already exists')).toBe(true);
    expect(pull.lines.some((l) => l.status === 'Pull complete')).toBe(true);
    const fractions = pull.summaries.flatMap((s) => (s.fraction === undefined ? [] : [s.fraction]));
    expect(fractions.some((f) => f > 0 && f < 1)).toBe(true);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b)); // never goes back
    expect(
      pull.summaries.some((s) =>
        /^Downloading 1 layer: 0 done, .* of 2\d\.\d MB \(1 layer already here\)$/.test(s.text),
      ),
    ).toBe(true);
    expect(pull.summaries.at(-1)).toEqual({
      fraction: 1,
      text: `Status: Downloaded newer image for ${ref}`,
    });
  });

  it('refuses a reference the engine would not take, before asking it', async () => {
    const end = await openPull('UPPER/Case:1').ended;
    expect(end.error).toMatchObject({ kind: 'bad-request' });
    expect(end.error?.message).toContain('Repository names are lower case');
  });

  it("ends within seconds when nothing listens at the registry's address, in the engine's words", async () => {
    const port = await freePort();
    const ref = `127.0.0.1:${port}/x:1`;
    const started = Date.now();
    const end = await openPull(ref).ended;
    expect(end.at - started).toBeLessThan(10_000);
    expect(end.error?.engineMessage).toMatch(/connection refused/);
    expect(end.error?.message).toContain(`Couldn't pull ${ref}`);
    expect(end.error?.hint).toContain('registry is reachable');
  });

  it('ends with a timeout when the registry accepts connections but never answers', async () => {
    const held: Socket[] = [];
    const silent: Server = createServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const end = await openPull(`127.0.0.1:${port}/silent:1`).ended;
      expect(end.error?.kind).toBe('timeout');
      expect(end.error?.message).toContain('no answer from the registry');
      expect(end.at - started).toBeLessThan(15_000);
      expect(held.length).toBeGreaterThan(0); // the engine did reach it
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
    }
  });

  it("says a repository the registry does not have is not found, in the engine's words", async () => {
    const ref = `${registry.host}/berth/never-pushed:1`;
    const end = await openPull(ref).ended;
    expect(end.error?.engineMessage).toMatch(/manifest unknown|not found/);
    expect(end.error?.kind).toBe('not-found');
    expect(await hasImage(engine, ref)).toBe(false);
  });

  it('aborts the pull when the stream is cancelled mid-way', async () => {
    const ref = `${registry.host}/berth/blob:cancelled`;
    await publishBlobImage(engine, ref, 64);
    let cancelledAt = 0;
    const pull = openPull(ref, (line, p) => {
      if (
        !cancelledAt &&
        line.id &&
        line.status !== 'Already exists' &&
        line.status !== 'Pulling from berth/blob'
      ) {
        cancelledAt = Date.now();
        p.cancel();
      }
    });
    const end = await pull.ended;
    expect(cancelledAt).toBeGreaterThan(0);
    expect(end.error).toBeUndefined();
    expect(end.at - cancelledAt).toBeLessThan(2_000);
    // The engine dropped the pull: the image never appears.
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await hasImage(engine, ref)).toBe(false);
  });
});

describe('containers.create without the image', () => {
  it('pulls it first through the same pull, then runs it', async () => {
    const ref = `${registry.host}/berth/blob:for-create`;
    await publishBlobImage(engine, ref);
    const reply = await dispatcher.call('containers.create', [
      { ...emptyRunSpec(), image: ref, name: 'pulled-by-create' },
    ]);
    expect(reply).toMatchObject({ ok: true, value: { name: 'pulled-by-create' } });
    expect(
      (
        await docker(engine, 'inspect', '--format', '{{.State.Running}}', 'pulled-by-create')
      ).trim(),
    ).toBe('true');
  });
});

// The engine sends nothing while the registry is silent, so the app's socket to
// the engine is quiet too: only the pull's own deadlines (8 s to the first
// line, 60 s between lines) may end it, never a socket timeout meant for calls.
describe('a registry silent for 20 s in the middle of a pull', () => {
  const SILENCE_MS = 20_000;

  /** Publishes `tag` and a proxy that holds the registry silent from the first blob request. */
  async function silentRegistry(tag: string) {
    await publishBlobImage(engine, `${registry.host}/berth/blob:${tag}`);
    const proxy = await startStallingProxy(registry.port, {
      stallOn: /^GET \S*\/blobs\//m,
      stallMs: SILENCE_MS,
    });
    return { proxy, ref: `${proxy.host}/berth/blob:${tag}` };
  }

  it('does not end the images.pull stream, which finishes with the image here', async () => {
    const { proxy, ref } = await silentRegistry('silent-stream');
    try {
      const frames: number[] = [];
      const pull = openPull(ref, () => frames.push(Date.now()));
      const end = await pull.ended;
      expect(end.error).toBeUndefined();
      expect(proxy.stalledAt()).toBeGreaterThan(0);
      // The stream itself was quiet for longer than a call's socket timeout.
      const gaps = frames.slice(1).map((at, i) => at - frames[i]!);
      expect(Math.max(...gaps)).toBeGreaterThan(SILENCE_MS - 2_000);
      expect(pull.summaries.at(-1)?.fraction).toBe(1);
      expect(await hasImage(engine, ref)).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it("does not fail the New container dialog's fallback pull in containers.create", async () => {
    const { proxy, ref } = await silentRegistry('silent-create');
    try {
      const started = Date.now();
      const reply = await dispatcher.call('containers.create', [
        { ...emptyRunSpec(), image: ref, name: 'pulled-through-silence' },
      ]);
      expect(reply).toMatchObject({ ok: true, value: { name: 'pulled-through-silence' } });
      expect(proxy.stalledAt()).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThan(SILENCE_MS);
      expect(
        (
          await docker(
            engine,
            'inspect',
            '--format',
            '{{.State.Running}}',
            'pulled-through-silence',
          )
        ).trim(),
      ).toBe('true');
    } finally {
      await proxy.close();
    }
  });
});
