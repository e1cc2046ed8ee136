// Compose projects through the `compose.run` stream (the app's services and
// dispatcher, as a renderer opens it) on a real engine, with the Compose CLI
// of this machine (Debian's docker-compose 1.29, or a `docker compose`
// plugin) and `docker ps -a` (the 28.x CLI first on PATH) as the truth. Images
// are local tags of the busybox test image: nothing can be pulled here.
import { execFile } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COMPOSE_CONFIG_FILES,
  COMPOSE_WORKING_DIR,
  composeCommandLine,
  type ComposeCliInfo,
  type ComposeLine,
  type ComposeRequest,
} from '../../electron/contract/compose-channels.ts';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import { LineSplitter } from '../../electron/contract/line-splitter.ts';
import type { AppServices } from '../../electron/services/app-services.ts';
import {
  composeCliInfo,
  composeStreams,
} from '../../electron/services/compose/compose-handlers.ts';
import type { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker, type TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';
import { startRegistry } from '../helpers/registry.ts';

const run = promisify(execFile);
let env: EngineServices;
let engine: TestEngine;
let services: AppServices;
let dispatcher: Dispatcher;
let base: string;

beforeAll(async () => {
  env = await startEngineServices({ name: 'compose' });
  ({ engine, services, dispatcher, scratch: base } = env);
  await docker(engine, 'tag', busyboxImage, 'berth-compose/web:1');
  await docker(engine, 'tag', busyboxImage, 'berth-compose/db:1');
});

afterAll(async () => {
  await env?.dispose();
});

/** A project folder holding `compose.yml`; answers the file's path. */
async function projectFile(folder: string, text: string): Promise<string> {
  const dir = join(base, folder);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'compose.yml'), text);
  return join(dir, 'compose.yml');
}

/** Runs `compose.run` as the renderer opens it, to its end. */
function compose(
  request: ComposeRequest,
): Promise<{ lines: ComposeLine[]; error?: ErrorEnvelope }> {
  const splitter = new LineSplitter();
  const lines: ComposeLine[] = [];
  return new Promise((resolve) => {
    const control = dispatcher.openStream('compose.run', [request], {
      data(bytes) {
        for (const line of splitter.push(bytes))
          if (line) lines.push(JSON.parse(line) as ComposeLine);
        control.ack(bytes.byteLength);
      },
      end(error) {
        resolve({ lines, ...(error ? { error } : {}) });
      },
    });
  });
}

/** `docker ps -a` of the project: name and state, sorted. */
async function projectPs(project: string): Promise<string[]> {
  const out = await docker(
    engine,
    'ps',
    '-a',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--format',
    '{{.Names}} {{.State}}',
  );
  return out.split('\n').filter(Boolean).sort();
}

describe('compose', () => {
  it('finds the Compose CLI this machine has', async () => {
    const info = (await dispatcher.call('compose.cli', [])) as { value: ComposeCliInfo };
    expect(info.value.found).not.toBeNull();
    expect(info.value.found!.version).toMatch(/^v?\d+\.\d+/);
  });

  it('says what was half-started when up fails partway, and Down takes it away', async () => {
    const file = await projectFile(
      'half',
      `services:
  db:
    image: berth-compose/db:1
    command: ["sh", "-c", "trap 'exit 0' TERM; sleep 600 & wait $$!"]
  web:
    image: berth-compose/web:1
    command: ["/no/such/program"]
    depends_on: [db]
`,
    );
    const result = await compose({ action: 'up', files: [file], project: 'half' });
    expect(result.error?.engineMessage).toMatch(/no\/such\/program|no such file/i);
    expect(result.error?.hint).toMatch(/Half-started: .*half[-_]db[-_]1 \(running\)/);
    await expect
      .poll(() => projectPs('half'))
      .toContainEqual(expect.stringMatching(/^half[-_]db[-_]1 running$/));
    // Where the project page finds the file and folder again.
    const db = (await projectPs('half'))[0]!.split(' ')[0]!;
    const labels = JSON.parse(
      await docker(engine, 'inspect', '--format', '{{json .Config.Labels}}', db),
    ) as Record<string, string>;
    expect(labels[COMPOSE_CONFIG_FILES]).toBe(file);
    expect(labels[COMPOSE_WORKING_DIR]).toBe(join(base, 'half'));

    // Down through the same stream takes away what was half-started.
    const down = await compose({ action: 'down', files: [file], project: 'half' });
    expect(down.error).toBeUndefined();
    expect(down.lines.at(-1)).toEqual({ kind: 'done', project: 'half' });
    await expect.poll(() => projectPs('half')).toEqual([]);
  });

  it("pulls a project's images from a registry and builds its own, as the page's Pull and Build do", async () => {
    const registry = await startRegistry();
    try {
      const pulled = `${registry.host}/berth-compose/cache:1`;
      await docker(engine, 'tag', busyboxImage, pulled);
      await docker(engine, 'push', pulled);
      await docker(engine, 'rmi', pulled);
      const pullFile = await projectFile('pulling', `services:\n  cache:\n    image: ${pulled}\n`);
      const pull = await compose({ action: 'pull', files: [pullFile], project: 'pulling' });
      expect(pull.error).toBeUndefined();
      await docker(engine, 'image', 'inspect', pulled); // rejects if the pull did not bring it

      const buildFile = await projectFile(
        'building',
        'services:\n  app:\n    build: ./app\n    image: berth-compose/built:1\n',
      );
      await mkdir(join(base, 'building', 'app'));
      await writeFile(
        join(base, 'building', 'app', 'Dockerfile'),
        `FROM ${busyboxImage}\nLABEL made-by=compose-build\n`,
      );
      const build = await compose({ action: 'build', files: [buildFile], project: 'building' });
      expect(build.error).toBeUndefined();
      expect(build.lines.at(-1)).toEqual({ kind: 'done', project: 'building' });
      const label = await docker(
        engine,
        'image',
        'inspect',
        '-f',
        '{{index .Config.Labels "made-by"}}',
        'berth-compose/built:1',
      );
      expect(label.trim()).toBe('compose-build');
      // Neither started anything.
      expect(await projectPs('pulling')).toEqual([]);
      expect(await projectPs('building')).toEqual([]);
    } finally {
      await registry.stop();
    }
  });

  it('says how to get a Compose CLI when the PATH has none', async () => {
    const bin = join(base, 'bin-without-compose');
    await mkdir(bin);
    // A docker CLI without the compose plugin, and no docker-compose.
    const dockerCli = (await run('sh', ['-c', 'command -v docker'])).stdout.trim();
    await symlink(dockerCli, join(bin, 'docker'));
    const env = { PATH: bin, HOME: join(base, 'home') };
    const info = await composeCliInfo(env);
    expect(info.found).toBeNull();
    expect(info.hint).toMatch(/docker compose/);
    expect(info.hint).toMatch(/apt install docker-compose/);

    const streams = composeStreams((open) => open, {
      endpoint: () => ({ url: engine.endpoint }),
      calls: () => services.manager.connection().calls,
      env,
    });
    const stream = streams['compose.run']({ action: 'up', files: [join(base, 'x.yml')] });
    const failure = await new Promise<Error>((resolve) => stream.once('error', resolve));
    expect((failure as Error & { envelope: ErrorEnvelope }).envelope).toMatchObject({
      kind: 'not-found',
      hint: expect.stringMatching(/apt install docker-compose/),
    });
  });

  it('rejects a hostile project name, and shows a command that is safe to paste', async () => {
    for (const project of ['a;id', '$(id)', 'UPPER', '../x', '-p']) {
      const result = await compose({ action: 'up', files: ['/tmp/c.yml'], project });
      expect(result.error?.kind).toBe('bad-request');
    }
    const rejected = await compose({ action: 'up', files: ['relative.yml'] });
    expect(rejected.error?.kind).toBe('bad-request');

    // A folder whose name every shell would read as code if it were not quoted.
    const folder = `it's "q" $(touch pwned) ;x \`id\` ${'\u202e'}ünï`;
    const file = await projectFile(
      folder,
      'services:\n  hostileweb:\n    image: berth-compose/web:1\n',
    );
    const workingDir = join(base, `${folder},other`);
    await mkdir(workingDir);
    const info = await composeCliInfo(process.env);
    const request: ComposeRequest = {
      action: 'build',
      files: [file],
      workingDir,
      project: 'hostile',
    };
    const line = composeCommandLine(request, info.found!.kind, 'posix', { host: engine.endpoint });
    for (const shell of ['sh', 'bash', 'zsh']) {
      const { stdout, stderr } = await run(shell, ['-c', `${line} 2>&1`], { cwd: base });
      expect(stdout + stderr).toMatch(/hostileweb uses an image, skipping/);
    }
    await expect(run('test', ['-e', join(base, 'pwned')])).rejects.toThrow();
  });
});
