// The shown `docker create` line, pasted into sh (dash), bash and zsh and run
// by the real CLI against a real engine, makes exactly the container of its
// spec, however hostile the values. A bind folder named `x,source=` with more
// path after it is where a line without CSV quoting would mount another folder,
// and a network named `name=host` is where a bare --network would join the
// host's network.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker, { type ContainerInspectInfo } from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandLine } from '../../electron/contract/run-spec/run-command.ts';
import { emptyRunSpec, runSpec, type RunSpec } from '../../electron/contract/run-spec/spec.ts';
import { createContainer } from '../../electron/services/containers/create-container.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import {
  docker,
  inspectContainer,
  startManagedEngine,
  type TestEngine,
} from '../helpers/managed-engine.ts';

const execFileAsync = promisify(execFile);
let engine: TestEngine;
let base: string;
/** The folder to mount: `<base>/x,source=<base>/decoy`, a real path with a comma and source= in it. */
let folder: string;
/** Where an unquoted `source=…,source=<base>/decoy` would point instead. */
let decoy: string;
let oddFolder: string;

beforeAll(async () => {
  engine = await startManagedEngine();
  await ensureBusyboxImage(engine.endpoint);
  base = await mkdtemp(join(tmpdir(), 'berth-quoting-'));
  decoy = join(base, 'decoy');
  folder = `${base}/x,source=${decoy}`;
  oddFolder = join(base, `it's "q",target=\n$(id) ünï 🙂`);
  for (const dir of [decoy, folder, oddFolder]) await mkdir(dir, { recursive: true });
  await writeFile(join(folder, 'marker'), 'the right folder');
  await docker(engine, 'network', 'create', 'name=host');
});

afterAll(async () => {
  await engine?.cleanup();
  if (base) await rm(base, { recursive: true, force: true });
});

const hostile = [
  "it's",
  '"double"',
  '$(id)',
  '${HOME}',
  '`id`',
  'a\nb',
  'a;b|c&d',
  '/tmp/x,source=/',
  '=ls',
  '^x',
  '~x',
  '#x',
  '!x',
  '{a,b}',
  '*',
  '--%',
  '@x',
  'a,b',
  'a==ls',
  'ünïcödé',
  'שלום',
  '\u202eevil',
  '🙂',
  'tab\there',
  'ctrl-c\x03',
  '',
  ' lead',
  'trail ',
];

function hostileSpec(name: string): RunSpec {
  return {
    ...emptyRunSpec(),
    image: busyboxImage,
    name,
    start: false,
    command: hostile,
    entrypoint: '/bin/echo',
    user: '1000:1000',
    workdir: '/tmp/=ls ^x,y',
    env: hostile.map((value, i) => `V${i}=${value}`),
    labels: Object.fromEntries(hostile.map((value, i) => [`l${i}`, value])),
    volumes: [
      { type: 'bind', source: folder, target: '/x', readOnly: true },
      { type: 'bind', source: oddFolder, target: '/odd,target=/etc', readOnly: false },
      { type: 'anonymous', target: '/a:/b', readOnly: false },
    ],
    network: 'name=host',
  };
}

/** What `docker inspect` says about everything the spec decides. */
async function shape(name: string) {
  const info: ContainerInspectInfo = await inspectContainer(engine, name);
  return {
    cmd: info.Config.Cmd,
    entrypoint: info.Config.Entrypoint,
    env: (info.Config.Env ?? []).filter((e) => /^V\d+=/.test(e)).sort(),
    labels: info.Config.Labels,
    user: info.Config.User,
    workdir: info.Config.WorkingDir,
    network: info.HostConfig.NetworkMode,
    mounts: info.Mounts.map((m) => ({
      type: m.Type,
      source: m.Type === 'bind' ? m.Source : '(volume)',
      target: m.Destination,
      rw: m.RW,
    })).sort((a, b) => a.target.localeCompare(b.target)),
  };
}

function expectedShape(spec: RunSpec) {
  return {
    cmd: spec.command,
    entrypoint: [spec.entrypoint],
    env: [...spec.env].sort(),
    labels: spec.labels,
    user: spec.user,
    workdir: spec.workdir,
    network: spec.network,
    mounts: spec.volumes
      .map((v) => ({
        type: v.type === 'bind' ? 'bind' : 'volume',
        source: v.type === 'bind' ? v.source : '(volume)',
        target: v.target,
        rw: !v.readOnly,
      }))
      .sort((a, b) => a.target.localeCompare(b.target)),
  };
}

const shells = ['sh', 'bash', 'zsh'];

/** Runs the shown line in `shell`, with the docker CLI on PATH. */
async function runShown(shell: string, spec: RunSpec): Promise<void> {
  await execFileAsync(shell, ['-c', runCommandLine(spec, 'posix', { host: engine.endpoint })], {
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    timeout: 60_000,
  });
}

/** Just the traps: the folder with `,source=` in its path, and the network called name=host. */
function trapSpec(name: string): RunSpec {
  return {
    ...emptyRunSpec(),
    image: busyboxImage,
    name,
    start: false,
    volumes: [{ type: 'bind', source: folder, target: '/x', readOnly: true }],
    network: 'name=host',
  };
}

describe('the shown docker create line, with hostile values, against a real engine', () => {
  it.each(shells)(
    'mounts the folder itself, not the one after its ",source=", run by %s',
    async (shell) => {
      await runShown(shell, trapSpec(`trap-${shell}`));
      const made = await shape(`trap-${shell}`);
      expect(made.mounts).toEqual([{ type: 'bind', source: folder, target: '/x', rw: false }]);
      expect(made.network).toBe('name=host');
    },
  );

  it('mounts the folder with its own content', async () => {
    const spec: RunSpec = {
      ...trapSpec('trap-content'),
      start: true,
      command: ['cat', '/x/marker'],
      network: undefined,
    };
    await runShown('sh', spec);
    await expect
      .poll(async () => (await inspectContainer(engine, 'trap-content')).State.Status, {
        timeout: 60_000,
        interval: 200,
      })
      .toBe('exited');
    expect(await docker(engine, 'logs', 'trap-content')).toBe('the right folder');
  });

  it('is, with every hostile value, a spec the app itself creates as written', async () => {
    const spec = hostileSpec('quoting-app');
    expect(runSpec.safeParse(spec).success).toBe(true);
    const client = new Docker({ socketPath: engine.socketPath });
    await createContainer(client, spec, client);
    expect(await shape('quoting-app')).toEqual(expectedShape(spec));
  });

  it.each(shells)('makes exactly the container of a hostile spec, run by %s', async (shell) => {
    const spec = hostileSpec(`quoting-${shell}`);
    await runShown(shell, spec);
    expect(await shape(`quoting-${shell}`)).toEqual(expectedShape(spec));
  });
});
