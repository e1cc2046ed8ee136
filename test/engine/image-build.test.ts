// Building through the `images.build` stream (the app's services, dispatcher
// and pump, as a renderer opens it) on a real engine, with the docker CLI
// (the first on PATH: 28.x, DOCKER_BUILDKIT=0 for the classic builder) as the
// truth about what the engine holds afterwards.
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import { buildCommandLine } from '../../electron/contract/image-build-command.ts';
import {
  applyBuildLine,
  buildLinesOf,
  emptyBuildView,
  type BuildLine,
  type BuildView,
} from '../../electron/contract/image-build/build-lines.ts';
import type { BuildOptions } from '../../electron/contract/image-build-channels.ts';
import { LineSplitter } from '../../electron/contract/line-splitter.ts';
import type { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker, type TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';

const run = promisify(execFile);
let env: EngineServices;
let engine: TestEngine;
let dispatcher: Dispatcher;
let base: string;

beforeAll(async () => {
  env = await startEngineServices({ name: 'build' });
  ({ engine, dispatcher, scratch: base } = env);
});

afterAll(async () => {
  await env?.dispose();
});

/** A context folder with these files. */
async function context(name: string, files: Record<string, string>): Promise<string> {
  const dir = join(base, name);
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

interface OpenBuild {
  lines: BuildLine[];
  view: BuildView;
  ended: Promise<{ error?: ErrorEnvelope; at: number }>;
  cancel(): void;
}

/** Opens `images.build` as the renderer does: decode, fold, ack each frame. */
function openBuild(options: BuildOptions, onLine?: (line: BuildLine, b: OpenBuild) => void) {
  const splitter = new LineSplitter();
  let finish!: (end: { error?: ErrorEnvelope; at: number }) => void;
  const build: OpenBuild = {
    lines: [],
    view: emptyBuildView(),
    ended: new Promise((resolve) => (finish = resolve)),
    cancel: () => control.cancel(),
  };
  const control = dispatcher.openStream('images.build', [options], {
    data(bytes) {
      for (const line of buildLinesOf(splitter.push(bytes))) {
        build.lines.push(line);
        build.view = applyBuildLine(build.view, line);
        onLine?.(line, build);
      }
      control.ack(bytes.byteLength);
    },
    end(error) {
      finish({ ...(error ? { error } : {}), at: Date.now() });
    },
  });
  return build;
}

const containersLeft = async () => (await docker(engine, 'ps', '-aq')).split('\n').filter(Boolean);
const imageConfig = async (ref: string) =>
  JSON.parse(await docker(engine, 'image', 'inspect', '--format', '{{json .Config}}', ref)) as {
    Env?: string[];
    Labels?: Record<string, string>;
  };

const stages = `FROM ${busyboxImage} AS base
ARG GREETING=hi
RUN echo "$GREETING" > /greeting
COPY app.txt /app.txt
LABEL stage=base
FROM base AS final
RUN echo final > /final
`;

describe('images.build', () => {
  const options = (): BuildOptions => ({
    context: join(base, 'stages'),
    tags: ['berth-build/app:1', 'berth-build/app:two'],
    buildArgs: ['GREETING=hello there'],
    target: 'base',
  });

  it('builds with tags, build args and a target stage, step by step', async () => {
    await context('stages', { Dockerfile: stages, 'app.txt': 'app' });
    const build = openBuild(options());
    expect((await build.ended).error).toBeUndefined();
    const { view } = build;
    expect(view.sending).toEqual({ files: 2, bytes: stages.length + 3 });
    expect(view.steps.map((s) => s.instruction)).toEqual([
      `FROM ${busyboxImage} AS base`,
      'ARG GREETING=hi',
      'RUN echo "$GREETING" > /greeting',
      'COPY app.txt /app.txt',
      'LABEL stage=base',
    ]);
    expect(view.steps.every((s) => s.ms !== undefined && s.ms >= 0)).toBe(true);
    expect(view.steps.find((s) => s.instruction.startsWith('RUN'))?.cached).toBe(false);

    const inspected = JSON.parse(await docker(engine, 'image', 'inspect', 'berth-build/app:1')) as [
      { Id: string; RepoTags: string[]; Config: { Labels: Record<string, string> } },
    ];
    expect(view.done?.imageId).toBe(inspected[0].Id);
    expect(inspected[0].RepoTags.sort()).toEqual(['berth-build/app:1', 'berth-build/app:two']);
    expect(inspected[0].Config.Labels).toEqual({ stage: 'base' });
    const out = await docker(
      engine,
      'run',
      '--rm',
      'berth-build/app:1',
      'sh',
      '-c',
      'cat /greeting; ls /final 2>&1 || true',
    );
    expect(out).toMatch(/^hello there\n.*No such file/);
    expect(await containersLeft()).toEqual([]);
  });

  it('takes the steps from the cache the second time, marked as such', async () => {
    const first = (
      await docker(engine, 'image', 'inspect', '--format', '{{.Id}}', 'berth-build/app:1')
    ).trim();
    const build = openBuild(options());
    expect((await build.ended).error).toBeUndefined();
    const run = build.view.steps.filter((s) => /^(RUN|COPY)/.test(s.instruction));
    expect(run.map((s) => s.cached)).toEqual([true, true]);
    expect(build.view.done?.imageId).toBe(first);
  });

  it("shows the engine's words for a Dockerfile that does not parse", async () => {
    const dir = await context('syntax', { Dockerfile: `FROM ${busyboxImage}\nFOO bar\n` });
    const end = await openBuild({ context: dir, tags: [], buildArgs: [] }).ended;
    expect(end.error?.engineMessage).toMatch(/unknown instruction: FOO/i);
    expect(end.error?.message).toContain("Couldn't build the image");
  });

  it("names the failing step with the engine's words, and leaves no container", async () => {
    const dir = await context('failing', {
      Dockerfile: `FROM ${busyboxImage}\nRUN echo about to fail && exit 3\n`,
    });
    const build = openBuild({ context: dir, tags: ['berth-build/failing:1'], buildArgs: [] });
    const end = await build.ended;
    expect(end.error?.step).toBe('Step 2/2 : RUN echo about to fail && exit 3');
    expect(end.error?.engineMessage).toMatch(/returned a non-zero code: 3/);
    expect(end.error?.message).toContain('step 2/2 (RUN echo about to fail && exit 3) failed');
    expect(build.view.steps.at(-1)?.output).toContain('about to fail');
    expect(await containersLeft()).toEqual([]);
  });

  it('builds when .dockerignore excludes the Dockerfile, leaving it out of COPY as the CLI does', async () => {
    const dir = await context('ignored', {
      Dockerfile: `FROM ${busyboxImage}\nCOPY . /ctx\n`,
      '.dockerignore': 'Dockerfile\n.dockerignore\nsecret*\n!secret-ok\n',
      kept: 'x',
      'secret-1': 'x',
      'secret-ok': 'x',
    });
    const end = await openBuild({
      context: dir,
      tags: ['berth-build/ignored:berth'],
      buildArgs: [],
    }).ended;
    expect(end.error).toBeUndefined();
    await docker(engine, 'build', '-q', '-t', 'berth-build/ignored:cli', dir);
    const list = (tag: string) =>
      docker(engine, 'run', '--rm', `berth-build/ignored:${tag}`, 'ls', '-A', '/ctx');
    expect(await list('berth')).toBe('kept\nsecret-ok\n');
    expect(await list('berth')).toBe(await list('cli'));
  });

  it('stops before sending when a file in the context cannot be read, naming it', async () => {
    const dir = await context('unreadable', { Dockerfile: `FROM ${busyboxImage}\n`, locked: '' });
    // A write-only procfs file: root cannot read it either (context-walk.test.ts says why).
    await run('mount', ['--bind', '/proc/sys/vm/drop_caches', join(dir, 'locked')]);
    try {
      const build = openBuild({ context: dir, tags: [], buildArgs: [] });
      const end = await build.ended;
      expect(end.error?.kind).toBe('permission-denied');
      expect(end.error?.message).toContain(`${join(dir, 'locked')} (permission denied)`);
      expect(build.lines.some((l) => l.kind === 'sending')).toBe(false);
    } finally {
      await run('umount', [join(dir, 'locked')]);
    }
  });

  it('cancels a build half-way and leaves the engine clean', async () => {
    const dir = await context('cancel', {
      Dockerfile: `FROM ${busyboxImage}\nRUN echo started && sleep 60\nLABEL never=reached\n`,
    });
    // As a sorted set: the CLI's order ties on images made in the same second.
    const allImages = async () =>
      [...new Set((await docker(engine, 'images', '-aq')).split('\n'))].sort();
    const imagesBefore = await allImages();
    let cancelledAt = 0;
    const build = openBuild(
      { context: dir, tags: ['berth-build/cancelled:1'], buildArgs: [], noCache: true },
      (line, b) => {
        if (!cancelledAt && line.kind === 'output' && line.text === 'started') {
          cancelledAt = Date.now();
          b.cancel();
        }
      },
    );
    const end = await build.ended;
    expect(cancelledAt).toBeGreaterThan(0);
    expect(end.error).toBeUndefined();
    const deadline = Date.now() + 20_000;
    while ((await containersLeft()).length && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(await containersLeft()).toEqual([]);
    expect(await docker(engine, 'images', '-q', 'berth-build/cancelled')).toBe('');
    expect(await allImages()).toEqual(imagesBefore);
  });

  it('shows a command that, run through a real shell, builds the same image', async () => {
    const dir = await context(`it's "q" $(id) \`id\` ünï`, {
      Dockerfile: `FROM ${busyboxImage}\nARG V\nARG W\nENV V=$V\nLABEL w=$W\n`,
    });
    const hostile: BuildOptions = {
      context: dir,
      tags: ['berth-build/quoted:berth'],
      buildArgs: ['V=it\'s "x" $(id) `id` \\ ;&| !x ${HOME}', 'W=a\nb'],
    };
    expect((await openBuild(hostile).ended).error).toBeUndefined();
    const line = buildCommandLine(
      { ...hostile, tags: ['berth-build/quoted:cli'], noCache: true },
      'posix',
      { host: engine.endpoint },
    );
    for (const shell of ['sh', 'bash']) {
      await run(shell, ['-c', line], { timeout: 60_000 });
      expect(await imageConfig('berth-build/quoted:cli')).toEqual(
        await imageConfig('berth-build/quoted:berth'),
      );
    }
    expect((await imageConfig('berth-build/quoted:berth')).Env).toContain(
      'V=it\'s "x" $(id) `id` \\ ;&| !x ${HOME}',
    );
  });
});
