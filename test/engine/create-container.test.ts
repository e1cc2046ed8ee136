// Creating containers from the dialog's run spec, against a real engine: every
// option is checked by inspecting the container, the shown `docker run` line
// makes the same container, and bad input leaves nothing behind.
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker, { type ContainerInspectInfo } from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommandLine } from '../../electron/contract/run-spec/run-command.ts';
import { emptyRunSpec, runSpec, type RunSpec } from '../../electron/contract/run-spec/spec.ts';
import { createContainer } from '../../electron/services/containers/create-container.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { failure } from '../helpers/failure.ts';
import { docker, startManagedEngine, type TestEngine } from '../helpers/managed-engine.ts';

const sh = promisify(execFile);
let engine: TestEngine;
let client: Docker;
let siteDir: string;

beforeAll(async () => {
  engine = await startManagedEngine();
  await ensureBusyboxImage(engine.endpoint);
  client = new Docker({ socketPath: engine.socketPath });
  await docker(engine, 'network', 'create', 'backend');
  siteDir = await mkdtemp(join(tmpdir(), 'berth-site-'));
});

afterAll(async () => {
  await engine?.cleanup();
});

function fullSpec(name: string, hostPort: number): RunSpec {
  return {
    ...emptyRunSpec(),
    image: busyboxImage,
    name,
    command: [
      'sh',
      '-c',
      'trap "exit 0" TERM; echo "it\'s $GREETING"; while true; do sleep 1; done',
    ],
    entrypoint: '/bin/busybox',
    ports: [
      { containerPort: 80, protocol: 'tcp', hostPort, hostIp: '127.0.0.1' },
      { containerPort: 53, protocol: 'udp' },
    ],
    env: ['GREETING=hello world', 'EMPTY='],
    volumes: [
      { type: 'bind', source: siteDir, target: '/site', readOnly: true },
      { type: 'volume', source: `${name}-data`, target: '/data', readOnly: false },
      { type: 'anonymous', target: '/cache', readOnly: false },
    ],
    network: 'backend',
    restart: { name: 'on-failure', maxRetries: 3 },
    memoryBytes: 64 * 1024 * 1024,
    cpuShares: 512,
    cpuset: '0',
    user: '1000:1000',
    workdir: '/tmp',
    labels: { tier: 'front', 'odd.label': '<b>"quoted" & spaced</b>' },
    interactive: true,
    tty: true,
    autoRemove: false,
    privileged: false,
    start: true,
  };
}

/** The parts of `docker inspect` that the spec decides, with names and random ids left out. */
async function shape(name: string) {
  const [info] = JSON.parse(await docker(engine, 'inspect', name)) as [ContainerInspectInfo];
  const h = info.HostConfig;
  return {
    cmd: info.Config.Cmd,
    entrypoint: info.Config.Entrypoint,
    env: [...info.Config.Env].sort(),
    labels: info.Config.Labels,
    user: info.Config.User,
    workdir: info.Config.WorkingDir,
    tty: info.Config.Tty,
    openStdin: info.Config.OpenStdin,
    exposed: Object.keys(info.Config.ExposedPorts ?? {}).sort(),
    portBindings: Object.fromEntries(
      Object.entries(h.PortBindings ?? {}).map(([k, v]) => [
        k,
        (v as { HostIp: string; HostPort: string }[]).map((b) => `${b.HostIp}:${b.HostPort}`),
      ]),
    ),
    publishAll: h.PublishAllPorts,
    restart: h.RestartPolicy,
    memory: h.Memory,
    cpuShares: h.CpuShares,
    cpuset: h.CpusetCpus,
    network: h.NetworkMode,
    privileged: h.Privileged,
    autoRemove: h.AutoRemove,
    mounts: info.Mounts.map(
      (m) =>
        `${m.Type}:${m.Type === 'bind' ? m.Source : m.Destination === '/cache' ? '(anonymous)' : String(m.Name).replace(/^.*-data$/, 'NAME-data')}:${m.Destination}:${m.RW ? 'rw' : 'ro'}`,
    ).sort(),
    running: info.State.Running,
  };
}

describe('createContainer', () => {
  it('applies every option, as docker inspect shows', async () => {
    await createContainer(client, fullSpec('everything', 18801), client);
    const s = await shape('everything');
    expect(s).toMatchObject({
      cmd: ['sh', '-c', 'trap "exit 0" TERM; echo "it\'s $GREETING"; while true; do sleep 1; done'],
      entrypoint: ['/bin/busybox'],
      labels: { tier: 'front', 'odd.label': '<b>"quoted" & spaced</b>' },
      user: '1000:1000',
      workdir: '/tmp',
      tty: true,
      openStdin: true,
      exposed: ['53/udp', '80/tcp'],
      portBindings: { '80/tcp': ['127.0.0.1:18801'], '53/udp': [':'] },
      restart: { Name: 'on-failure', MaximumRetryCount: 3 },
      memory: 64 * 1024 * 1024,
      cpuShares: 512,
      cpuset: '0',
      network: 'backend',
      privileged: false,
      running: true,
    });
    expect(s.env).toEqual(expect.arrayContaining(['GREETING=hello world', 'EMPTY=']));
    expect(s.mounts).toEqual([
      `bind:${siteDir}:/site:ro`,
      'volume:(anonymous):/cache:rw',
      'volume:NAME-data:/data:rw',
    ]);
  });

  it('makes the same container as the docker run line it shows', async () => {
    const spec = fullSpec('from-dialog', 18802);
    await createContainer(client, spec, client);
    const line = runCommandLine(
      {
        ...spec,
        name: 'from-cli',
        ports: [{ ...spec.ports[0]!, hostPort: 18803 }, spec.ports[1]!],
        volumes: spec.volumes.map((v) =>
          v.type === 'volume' ? { ...v, source: 'from-cli-data' } : v,
        ),
      },
      'posix',
      { host: engine.endpoint },
    );
    await sh('sh', ['-c', line], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
    const fromDialog = await shape('from-dialog');
    const fromCli = await shape('from-cli');
    expect({ ...fromCli, portBindings: undefined }).toEqual({
      ...fromDialog,
      portBindings: undefined,
    });
    expect(fromCli.portBindings).toEqual({ '80/tcp': ['127.0.0.1:18803'], '53/udp': [':'] });
  });

  it('links a container the legacy way (--link), as the run line does', async () => {
    await docker(engine, 'run', '-d', '--name', 'link-target', busyboxImage, 'sleep', '600');
    const spec: RunSpec = {
      ...emptyRunSpec(),
      image: busyboxImage,
      name: 'link-user',
      command: ['sleep', '600'],
      links: ['link-target:db'],
    };
    await createContainer(client, spec, client);
    const [info] = JSON.parse(await docker(engine, 'inspect', 'link-user')) as [
      ContainerInspectInfo,
    ];
    expect(info.HostConfig.Links).toEqual(['/link-target:/link-user/db']);
    expect(await docker(engine, 'exec', 'link-user', 'cat', '/etc/hosts')).toMatch(/\sdb(\s|$)/m);
    await sh('sh', [
      '-c',
      runCommandLine({ ...spec, name: 'link-cli' }, 'posix', { host: engine.endpoint }),
    ]);
    const [cli] = JSON.parse(await docker(engine, 'inspect', 'link-cli')) as [ContainerInspectInfo];
    expect(cli.HostConfig.Links).toEqual(['/link-target:/link-cli/db']);
  });

  it('removes with --rm semantics and refuses restart together with it', async () => {
    const spec: RunSpec = {
      ...emptyRunSpec(),
      image: busyboxImage,
      name: 'ephemeral',
      command: ['true'],
      autoRemove: true,
    };
    await createContainer(client, spec, client);
    await expect
      .poll(async () => docker(engine, 'ps', '-aq', '--filter', 'name=^ephemeral$'), {
        timeout: 10_000,
      })
      .toBe('');
    expect(runSpec.safeParse({ ...spec, restart: { name: 'always' } }).success).toBe(false);
  });
});

describe('createContainer with bad input', () => {
  it("refuses a bind folder that does not exist, in the engine's words, creating nothing", async () => {
    const spec: RunSpec = {
      ...emptyRunSpec(),
      image: busyboxImage,
      name: 'no-folder',
      volumes: [{ type: 'bind', source: '/definitely/not/here', target: '/x', readOnly: false }],
    };
    const e = await failure(createContainer(client, spec, client));
    expect(e.engineMessage).toMatch(/bind source path does not exist/);
    expect(await docker(engine, 'ps', '-aq', '--filter', 'name=^no-folder$')).toBe('');
    expect(
      await sh('test', ['-e', '/definitely/not/here']).then(
        () => 'exists',
        () => 'absent',
      ),
    ).toBe('absent');
  });

  it('removes a container whose host port is taken, saying what to do', async () => {
    await docker(
      engine,
      'run',
      '-d',
      '--name',
      'holds-port',
      '-p',
      '127.0.0.1:18804:80',
      busyboxImage,
      'httpd',
      '-f',
      '-p',
      '80',
    );
    const spec: RunSpec = {
      ...emptyRunSpec(),
      image: busyboxImage,
      name: 'wants-port',
      command: ['httpd', '-f', '-p', '80'],
      ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 18804, hostIp: '127.0.0.1' }],
    };
    const e = await failure(createContainer(client, spec, client));
    expect(e.engineMessage).toMatch(/port is already allocated|address already in use/);
    expect(e.hint).toContain('nothing is left half-made');
    expect(await docker(engine, 'ps', '-aq', '--filter', 'name=^wants-port$')).toBe('');

    // With --rm the engine removes it on its own: still nothing left, and said so.
    const again = await failure(createContainer(client, { ...spec, autoRemove: true }, client));
    expect(again.hint).toContain('nothing is left half-made');
    expect(await docker(engine, 'ps', '-aq', '--filter', 'name=^wants-port$')).toBe('');
  });

  it('says a name is taken', async () => {
    await docker(engine, 'create', '--name', 'taken-name', busyboxImage);
    const e = await failure(
      createContainer(
        client,
        { ...emptyRunSpec(), image: busyboxImage, name: 'taken-name' },
        client,
      ),
    );
    expect(e).toMatchObject({ kind: 'conflict', status: 409 });
    expect(e.engineMessage).toContain('is already in use');
  });

  it('fails fast and plainly when an image is not here and no registry answers', async () => {
    const started = Date.now();
    const e = await failure(
      createContainer(client, { ...emptyRunSpec(), image: 'localhost:1/nothing/here:v1' }, client),
    );
    const elapsed = Date.now() - started;
    expect(e.message).toContain(
      'The image localhost:1/nothing/here:v1 is not here, and pulling it failed',
    );
    expect(e.hint).toContain('build or load the image first');
    expect(elapsed).toBeLessThan(25_000); // the pull deadline plus slack: never a hang
  });

  it('never lets a bad reference, name, port or env reach the engine', () => {
    const base = { ...emptyRunSpec(), image: busyboxImage };
    expect(runSpec.safeParse({ ...base, image: 'UPPER:case' }).success).toBe(false);
    expect(runSpec.safeParse({ ...base, image: 'a b' }).success).toBe(false);
    expect(runSpec.safeParse({ ...base, name: 'bad name' }).success).toBe(false);
    expect(
      runSpec.safeParse({ ...base, ports: [{ containerPort: 70000, protocol: 'tcp' }] }).success,
    ).toBe(false);
  });
});
