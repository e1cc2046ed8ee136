// Terminals through the dispatcher against a real engine: what the shell
// prints is read back from the stream, sizes are checked with `stty size`
// inside the container, and the pump's ack counting is driven by hand.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import type { Dispatcher } from '../../electron/transport/dispatcher.ts';
import type { StreamControl } from '../../electron/transport/stream-pump.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { FOLLOW_MS, testTimeout } from '../helpers/deadlines.ts';
import { docker, type TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';

let env: EngineServices;
let engine: TestEngine;
let dispatcher: Dispatcher;
const noShellImage = 'berth-test/no-shell:latest';

beforeAll(async () => {
  env = await startEngineServices({ name: 'terminals' });
  ({ engine, dispatcher } = env);
  const dir = env.scratch;
  // RUN in exec form: the image loses its shell in this very step.
  const dockerfile = [
    `FROM ${busyboxImage}`,
    'RUN ["/bin/busybox", "rm", "/bin/sh", "/bin/ash"]',
    'CMD ["/bin/busybox", "sleep", "600"]',
  ].join('\n');
  await writeFile(join(dir, 'Dockerfile'), dockerfile);
  await docker(engine, 'build', '-q', '-t', noShellImage, dir);
  await docker(engine, 'run', '-d', '--name', 'box', busyboxImage, 'sleep', '600');
}, testTimeout(120_000));

afterAll(async () => {
  await env?.dispose();
});

interface Opened {
  control: StreamControl;
  refusals: string[];
  /** Acks what came and what comes from now on. */
  startAcking(): void;
  text(): string;
  bytes(): number;
  ended(): ErrorEnvelope | undefined | null;
}

/** Opens a terminal stream that acks everything unless `ack` is false. */
function open(channel: string, args: unknown, ack = true): Opened {
  const chunks: Buffer[] = [];
  let total = 0;
  let end: ErrorEnvelope | undefined | null = null;
  let unacked = 0;
  const refusals: string[] = [];
  const control = dispatcher.openStream(channel, [args], {
    data: (bytes) => {
      chunks.push(Buffer.from(bytes));
      total += bytes.byteLength;
      if (ack) control.ack(bytes.byteLength);
      else unacked += bytes.byteLength;
    },
    end: (error) => (end = error),
    refused: (error) => refusals.push(error.message),
  });
  return {
    control,
    refusals,
    startAcking: () => {
      ack = true;
      control.ack(unacked);
    },
    text: () => Buffer.concat(chunks).toString('utf8'),
    bytes: () => total,
    ended: () => end,
  };
}

async function until(what: string, done: () => boolean, ms = FOLLOW_MS) {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const input = (t: Opened, text: string) => t.control.input(Buffer.from(text));

describe('exec terminals', () => {
  it('runs sh (busybox has no bash), echoes input and takes sizes from 1x1 to 500x200', async () => {
    const t = open('containers.exec', { id: 'box', cols: 80, rows: 24 });
    input(t, 'echo hello-$((6*7))\r');
    await until('the echo', () => t.text().includes('hello-42'));
    input(t, 'stty size\r');
    await until('80x24', () => t.text().includes('24 80'));
    // The CLI reads what the shell wrote: at one column the line editor's echo is a mess.
    const sizeSeen = async (expected: string) => {
      const deadline = Date.now() + FOLLOW_MS;
      while (Date.now() < deadline) {
        // Again each time: the resize may reach the shell after one run.
        input(t, 'stty size > /tmp/size\r');
        const seen = await docker(engine, 'exec', 'box', 'cat', '/tmp/size').catch(() => '');
        if (seen.trim() === expected) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      const last = await docker(engine, 'exec', 'box', 'cat', '/tmp/size').catch(
        (e: Error) => e.message,
      );
      throw new Error(
        `The shell never saw ${expected}: ${last} ${JSON.stringify(t.text().slice(-300))} ${t.refusals.join('; ')}`,
      );
    };
    t.control.resize(500, 200);
    await sizeSeen('200 500');
    // busybox's stty reports 24x80 for a side under 2 cells, so 1x1 is checked by
    // the shell still answering at that size, and a 3x2 after it by stty.
    t.control.resize(1, 1);
    input(t, 'echo one-$((1*1))\r');
    await until('the shell at 1x1', () => t.text().includes('one-1'));
    t.control.resize(3, 2);
    await sizeSeen('2 3');
    expect(t.refusals).toEqual([]);
    input(t, 'exit 3\r');
    await until('the end', () => t.ended() !== null);
    expect(t.ended()).toBeUndefined();
    expect(t.text()).toContain('[sh exited with code 3.]');
  });

  it('ends with a clear message when the container stops while attached', async () => {
    await docker(engine, 'run', '-d', '--name', 'stopping', busyboxImage, 'sleep', '600');
    const t = open('containers.exec', { id: 'stopping', cols: 80, rows: 24 });
    input(t, 'echo ready\r');
    await until('the shell', () => t.text().includes('ready'));
    await docker(engine, 'kill', 'stopping');
    await until('the end', () => t.ended() !== null);
    expect(t.ended()).toMatchObject({
      kind: 'conflict',
      message: 'The container stopped, so this terminal closed.',
    });
  });

  it('says so when the image has neither bash nor sh, and runs a typed command', async () => {
    await docker(engine, 'run', '-d', '--name', 'shell-less', noShellImage);
    const t = open('containers.exec', { id: 'shell-less', cols: 80, rows: 24 });
    await until('the end', () => t.ended() !== null);
    expect(t.ended()).toMatchObject({
      kind: 'not-found',
      message: 'This container has neither bash nor sh, so there is no shell to open.',
    });
    const typed = open('containers.exec', {
      id: 'shell-less',
      command: ['/bin/busybox', 'echo', 'typed-ok'],
      cols: 80,
      rows: 24,
    });
    await until('the typed command', () => typed.ended() !== null);
    expect(typed.text()).toContain('typed-ok');
  });

  it('stops reading a flood nobody acks, and Ctrl-C stops it', async () => {
    const t = open('containers.exec', { id: 'box', command: ['sh'], cols: 80, rows: 24 }, false);
    input(t, 'yes\r');
    await until('the pump pausing', () => t.bytes() > 100_000);
    await new Promise((r) => setTimeout(r, 500));
    const atPause = t.bytes();
    await new Promise((r) => setTimeout(r, 1_000));
    // Paused: at most what was already in flight when the mark was crossed.
    expect(t.bytes() - atPause).toBeLessThan(70_000);
    input(t, '\x03');
    t.startAcking();
    input(t, 'echo after-$((1+1))\r');
    await until('the prompt after Ctrl-C', () => t.text().includes('after-2'));
    t.control.cancel();
  });
});

describe('closing a terminal', () => {
  it('ends its shell in the container', async () => {
    await docker(engine, 'run', '-d', '--name', 'closing', busyboxImage, 'sleep', '600');
    const shells = async () =>
      (await docker(engine, 'exec', 'closing', 'ps', '-o', 'comm'))
        .split('\n')
        .filter((c) => c === 'sh').length;
    const t = open('containers.exec', { id: 'closing', cols: 80, rows: 24 });
    input(t, 'echo open\r');
    await until('the shell', () => t.text().includes('open'));
    expect(await shells()).toBe(1);
    t.control.cancel();
    const deadline = Date.now() + FOLLOW_MS;
    while ((await shells()) > 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(await shells()).toBe(0);
  });
});

describe('attach and image shells', () => {
  it('attaches to the main process and says when it stops', async () => {
    await docker(engine, 'run', '-dit', '--name', 'main-sh', busyboxImage, 'sh');
    const t = open('containers.attach', { id: 'main-sh', cols: 80, rows: 24 });
    input(t, 'echo attached-$((2*3))\r');
    await until('the echo', () => t.text().includes('attached-6'));
    input(t, 'exit\r');
    await until('the end', () => t.ended() !== null);
    expect(t.ended()).toMatchObject({ kind: 'conflict' });
  });

  it('runs a shell in a throwaway container of an image, removed after', async () => {
    const before = await docker(engine, 'ps', '-aq');
    const t = open('images.shell', { image: busyboxImage, cols: 80, rows: 24 });
    input(t, 'echo from-image-$((5+5))\r');
    await until('the echo', () => t.text().includes('from-image-10'));
    input(t, 'exit\r');
    await until('the end', () => t.ended() !== null);
    const deadline = Date.now() + FOLLOW_MS;
    while ((await docker(engine, 'ps', '-aq')) !== before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await docker(engine, 'ps', '-aq')).toBe(before);
  });

  it('says the image has no sh', async () => {
    const t = open('images.shell', { image: noShellImage, cols: 80, rows: 24 });
    await until('the end', () => t.ended() !== null);
    expect(t.ended()).toMatchObject({
      kind: 'not-found',
      message: expect.stringContaining('neither bash nor sh'),
    });
  });
});
