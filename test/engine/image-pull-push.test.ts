// Pull, tag and push through the app's own services, dispatcher and pump (as a
// renderer opens them), against real registries on loopback (one open, one
// with an htpasswd user), with the docker CLI and the registry's own API as
// the truth. test/engine/image-pull.test.ts has the pull's other cases
// (progress, a silent registry, nothing listening, a missing repository).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import {
  pullCommandLine,
  pushCommandLine,
  tagCommandLine,
} from '../../electron/contract/image-sharing-commands.ts';
import { LineSplitter } from '../../electron/contract/line-splitter.ts';
import { pullLinesOf, type PullLine } from '../../electron/contract/pull-progress.ts';
import type { RegistryAuth } from '../../electron/services/registries/registry-auth.ts';
import type { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker, type TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';
import { freePort, registryTags, startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { buildBlobImage, hasImage } from '../helpers/registry-images.ts';

const execFileAsync = promisify(execFile);
const user = { username: 'berth', password: 'right horse battery' };

let env: EngineServices;
let engine: TestEngine;
let open: TestRegistry;
let locked: TestRegistry;
let dispatcher: Dispatcher;
/** What the app sends as X-Registry-Auth: a literal AuthFor, changed per case. */
let credentials: RegistryAuth | undefined;
/** busybox plus a 40 MB layer of random bytes, big enough to cancel half-way. */
let big: string;

beforeAll(async () => {
  env = await startEngineServices({
    name: 'share',
    extras: { authFor: () => Promise.resolve(credentials) },
  });
  ({ engine, dispatcher } = env);
  [open, locked] = await Promise.all([startRegistry(), startRegistry({ user })]);
  big = await buildBlobImage(engine, 40);
}, 120_000);

afterAll(async () => {
  await open?.stop();
  await locked?.stop();
  await env?.dispose();
});

interface Transfer {
  lines: PullLine[];
  ended: Promise<{ error?: ErrorEnvelope; at: number }>;
  cancel(): void;
}

/** Opens `images.pull` or `images.push` as the renderer does: decode, ack each frame. */
function openTransfer(
  channel: 'images.pull' | 'images.push',
  query: unknown,
  onLine?: (line: PullLine, t: Transfer) => void,
): Transfer {
  const splitter = new LineSplitter();
  let finish!: (end: { error?: ErrorEnvelope; at: number }) => void;
  const t: Transfer = {
    lines: [],
    ended: new Promise((resolve) => (finish = resolve)),
    cancel: () => control.cancel(),
  };
  const control = dispatcher.openStream(channel, [query] as never, {
    data(bytes) {
      for (const line of pullLinesOf(splitter.push(bytes))) {
        t.lines.push(line);
        onLine?.(line, t);
      }
      control.ack(bytes.byteLength);
    },
    end(error) {
      finish({ ...(error ? { error } : {}), at: Date.now() });
    },
  });
  return t;
}

const pull = (ref: string, platform?: string) =>
  openTransfer('images.pull', { ref, ...(platform ? { platform } : {}) }).ended;
const push = (ref: string) => openTransfer('images.push', { ref }).ended;

const imageIds = async () =>
  (await docker(engine, 'images', '-a', '-q', '--no-trunc')).split('\n').filter(Boolean).sort();

describe('tag and push, then pull by tag and by digest', () => {
  it('tags through images.tag, pushes to the registry, and pulls it back by tag and by digest', async () => {
    const ref = `${open.host}/berth/shared:v1`;
    const tagged = await dispatcher.call('images.tag', [busyboxImage, ref]);
    expect(tagged).toMatchObject({ ok: true });
    expect(await hasImage(engine, ref)).toBe(true);

    const t = openTransfer('images.push', { ref });
    const end = await t.ended;
    expect(end.error).toBeUndefined();
    expect(t.lines.some((l) => l.id && l.status === 'Pushed')).toBe(true);
    expect(await registryTags(open, 'berth/shared')).toEqual(['v1']);
    const digest = /digest: (sha256:[0-9a-f]{64})/.exec(t.lines.at(-1)?.status ?? '')?.[1];
    expect(digest).toBeDefined();

    // The CLI as the truth: what we pushed is what the registry hands out.
    await docker(engine, 'rmi', ref);
    expect((await pull(ref, 'linux/amd64')).error).toBeUndefined();
    expect(await hasImage(engine, ref)).toBe(true);
    const byDigest = `${open.host}/berth/shared@${digest}`;
    expect((await pull(byDigest)).error).toBeUndefined();
    expect((await docker(engine, 'image', 'inspect', '--format', '{{.Id}}', byDigest)).trim()).toBe(
      (await docker(engine, 'image', 'inspect', '--format', '{{.Id}}', busyboxImage)).trim(),
    );
  });

  it('says plainly when the tag is not in the registry, and takes a platform', async () => {
    const missing = await pull(`${open.host}/berth/shared:nope`);
    expect(missing.error?.engineMessage).toMatch(/manifest unknown|not found/);
    expect(missing.error?.message).toContain('has no such repository or tag');

    // dockerd 20.10 hands out a single-platform image whatever platform is
    // asked (multi-platform lists need a registry with such images).
    await docker(engine, 'rmi', `${open.host}/berth/shared:v1`);
    expect((await pull(`${open.host}/berth/shared:v1`, 'linux/arm64')).error).toBeUndefined();
    expect(await hasImage(engine, `${open.host}/berth/shared:v1`)).toBe(true);
  });

  it('refuses bad arguments before the engine sees them', async () => {
    const id = (
      await docker(engine, 'image', 'inspect', '--format', '{{.Id}}', busyboxImage)
    ).trim();
    const byId = await push(id.slice(7, 19));
    expect(byId.error).toMatchObject({ kind: 'bad-request' });
    expect(byId.error?.message).toContain('not an image id');
    const byDigest = await push(`${open.host}/berth/shared@sha256:${'a'.repeat(64)}`);
    expect(byDigest.error?.message).toContain('not a digest');
    const platform = await pull(busyboxImage, 'linux;id');
    expect(platform.error).toMatchObject({ kind: 'bad-request' });
    expect(await dispatcher.call('images.tag', [busyboxImage, 'Upper/Case:1'])).toMatchObject({
      ok: false,
      error: { kind: 'bad-request' },
    });
  });
});

describe('a registry with a user', () => {
  const ref = () => `${locked.host}/berth/private:1`;
  const as = (password: string | null) => {
    credentials = password === null ? undefined : { ...user, password, serveraddress: locked.host };
  };

  it('refuses a push without credentials and with a wrong password, and takes the right one', async () => {
    await docker(engine, 'tag', busyboxImage, ref());
    try {
      as(null);
      const anonymous = await push(ref());
      expect(anonymous.error?.engineMessage).toMatch(/no basic auth credentials|unauthorized/);
      expect(anonymous.error?.message).toContain('wants a user name and password');
      as('wrong');
      const wrong = await push(ref());
      expect(wrong.error?.engineMessage).toMatch(/unauthorized|authentication required/);
      expect(wrong.error?.hint).toContain(`Log in to ${locked.host}`);
      as(user.password);
      expect((await push(ref())).error).toBeUndefined();
    } finally {
      as(null);
    }
  });

  it('refuses a pull without credentials and with a wrong password, and takes the right one', async () => {
    await docker(engine, 'rmi', ref());
    try {
      as(null);
      expect((await pull(ref())).error?.message).toContain('wants a user name and password');
      as('wrong');
      expect((await pull(ref())).error?.engineMessage).toMatch(
        /unauthorized|authentication required/,
      );
      expect(await hasImage(engine, ref())).toBe(false);
      as(user.password);
      expect((await pull(ref())).error).toBeUndefined();
      expect(await hasImage(engine, ref())).toBe(true);
    } finally {
      as(null);
    }
  });
});

describe('registries that do not answer', () => {
  it.each([
    ['nothing listens on the port', async () => `127.0.0.1:${await freePort()}/berth/x:1`],
    ['the host does not resolve', () => Promise.resolve('registry.invalid:5000/berth/x:1')],
  ])('ends a push within seconds when %s', async (_what, name) => {
    const ref = await name();
    await docker(engine, 'tag', busyboxImage, ref);
    const started = Date.now();
    const end = await push(ref);
    expect(end.at - started).toBeLessThan(12_000);
    expect(end.error?.message).toMatch(/no registry answers|no answer from the registry/);
    expect(end.error?.engineMessage).toBeTruthy();
    await docker(engine, 'rmi', ref);
  });
});

describe('cancelling half-way', () => {
  const ref = () => `${open.host}/berth/big:1`;

  it('stops a push: the registry gets no tag, and a later push works', async () => {
    await docker(engine, 'tag', big, ref());
    let cancelledAt = 0;
    const t = openTransfer('images.push', { ref: ref() }, (line, self) => {
      if (!cancelledAt && line.status === 'Pushing' && (line.current ?? 0) > 0) {
        cancelledAt = Date.now();
        self.cancel();
      }
    });
    const end = await t.ended;
    expect(cancelledAt).toBeGreaterThan(0);
    expect(end.error).toBeUndefined();
    expect(end.at - cancelledAt).toBeLessThan(2_000);
    expect(t.lines.some((l) => l.status === 'Pushed' && l.id === t.lines.at(-1)?.id)).toBe(false);
    expect(await registryTags(open, 'berth/big')).toEqual([]);

    expect((await push(ref())).error).toBeUndefined();
    expect(await registryTags(open, 'berth/big')).toEqual(['1']);
  });

  it('stops a pull: the engine keeps no image, not even an untagged one, and a later pull works', async () => {
    await docker(engine, 'rmi', ref(), big);
    const before = await imageIds();
    let cancelledAt = 0;
    const t = openTransfer('images.pull', { ref: ref() }, (line, self) => {
      if (!cancelledAt && line.status === 'Downloading') {
        cancelledAt = Date.now();
        self.cancel();
      }
    });
    const end = await t.ended;
    expect(cancelledAt).toBeGreaterThan(0);
    expect(end.error).toBeUndefined();
    // The engine drops the pull on its own time: give it a moment, then ask the CLI.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await imageIds()).toEqual(before);
    expect(await hasImage(engine, ref())).toBe(false);

    expect((await pull(ref())).error).toBeUndefined();
    expect(await hasImage(engine, ref())).toBe(true);
  });
});

describe('the shown commands', () => {
  it('pull, tag and push the same through sh, bash and zsh, with a hostile engine path', async () => {
    // The engine's socket reached through a folder whose name a shell would expand.
    const base = await mkdtemp(join(tmpdir(), 'bq-'));
    const odd = join(base, `it's $(id) "\`x\`" ü;`);
    await mkdir(odd);
    await symlink(engine.socketPath, join(odd, 'docker.sock'));
    const target = { host: `unix://${join(odd, 'docker.sock')}` };
    try {
      for (const shell of ['sh', 'bash', 'zsh']) {
        const ref = `${open.host}/berth/q__a-b.c:T_${shell}.x-y`;
        const run = (line: string) =>
          execFileAsync(shell, ['-c', line], { timeout: 60_000, env: process.env });
        await run(tagCommandLine(busyboxImage, ref, 'posix', target));
        expect(await hasImage(engine, ref)).toBe(true);
        await run(pushCommandLine(ref, 'posix', target));
        expect(await registryTags(open, 'berth/q__a-b.c')).toContain(`T_${shell}.x-y`);
        await docker(engine, 'rmi', ref);
        await run(pullCommandLine({ ref, platform: 'linux/amd64' }, 'posix', target));
        expect(await hasImage(engine, ref)).toBe(true);
      }
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });
});
