// Re-creating a container with changed settings, against a real engine: what
// changed is changed, everything else (even what Berth does not model) is
// kept, anonymous volumes keep their data, and a failure at any step leaves
// the old container exactly as it was. The docker CLI is the judge.
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Docker, { type ContainerInspectInfo } from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callArgs } from '../../electron/contract/channels.ts';
import { recreateCommandLines } from '../../electron/contract/run-spec/run-command.ts';
import { containerSettings } from '../../electron/services/containers/container-settings.ts';
import { recreateContainer } from '../../electron/services/containers/recreate-container.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { failure } from '../helpers/failure.ts';
import {
  docker,
  inspectContainer,
  startManagedEngine,
  type TestEngine,
} from '../helpers/managed-engine.ts';

const sh = promisify(execFile);
let engine: TestEngine;
let client: Docker;
let siteDir: string;

/** Exits 3 at once when MODE=bad; else serves until TERM. */
const script =
  'test "$MODE" = bad && exit 3; trap "exit 0" TERM; echo up; while true; do sleep 1; done';

beforeAll(async () => {
  engine = await startManagedEngine();
  await ensureBusyboxImage(engine.endpoint);
  client = new Docker({ socketPath: engine.socketPath });
  await docker(engine, 'network', 'create', 'front');
  await docker(engine, 'network', 'create', 'back');
  siteDir = await mkdtemp(join(tmpdir(), 'berth-recreate-'));
  await writeFile(join(siteDir, 'index.html'), 'site');
});

afterAll(async () => {
  await engine?.cleanup();
});

const inspect = (name: string) => inspectContainer(engine, name);

/** Every container name on the engine: no `-old-`/`-new-` leftovers allowed. */
async function names(): Promise<string[]> {
  return (await docker(engine, 'ps', '-a', '--format', '{{.Names}}'))
    .split('\n')
    .filter(Boolean)
    .sort();
}

/** A container made with the CLI, with settings Berth shows and settings it does not. */
async function runWithEverything(name: string, hostPort: number): Promise<ContainerInspectInfo> {
  await docker(
    engine,
    'run',
    '-d',
    '--name',
    name,
    '--hostname',
    'chosen-host',
    '--network',
    'front',
    '--network-alias',
    `${name}-alias`,
    '-p',
    `127.0.0.1:${hostPort}:80`,
    '-e',
    'MODE=good',
    '-v',
    '/cache',
    '-v',
    `${siteDir}:/site:ro`,
    '--cap-add',
    'NET_ADMIN',
    '--dns',
    '10.9.8.7',
    '--add-host',
    'db.local:10.1.2.3',
    '--memory',
    '64m',
    '--label',
    'tier=front',
    busyboxImage,
    'sh',
    '-c',
    script,
  );
  await docker(engine, 'network', 'connect', '--alias', `${name}-back`, 'back', name);
  await docker(engine, 'exec', name, 'sh', '-c', 'echo precious > /cache/data');
  return inspect(name);
}

describe('re-create', () => {
  it('changes ports, env, volumes and restart policy, and keeps everything else', async () => {
    const before = await runWithEverything('keeper', 18901);
    const result = await recreateContainer(client, 'keeper', {
      ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 18902, hostIp: '127.0.0.1' }],
      env: ['MODE=good', 'ADDED=yes'],
      volumes: [
        { type: 'anonymous', target: '/cache', readOnly: false },
        { type: 'bind', source: siteDir, target: '/site', readOnly: true },
        { type: 'volume', source: 'keeper-extra', target: '/extra', readOnly: false },
      ],
      restart: { name: 'on-failure', maxRetries: 4 },
    });
    const after = await inspect('keeper');
    expect(result).toEqual({ id: after.Id, name: 'keeper' });
    expect(after.Id).not.toBe(before.Id);
    expect(after.State.Running).toBe(true);
    // What changed.
    expect(after.HostConfig.PortBindings).toEqual({
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18902' }],
    });
    expect(after.Config.Env).toEqual(expect.arrayContaining(['MODE=good', 'ADDED=yes']));
    expect(after.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 4 });
    expect(after.Mounts.find((m) => m.Destination === '/extra')?.Name).toBe('keeper-extra');
    // The anonymous volume is the same one, data and all.
    const oldCache = before.Mounts.find((m) => m.Destination === '/cache')!.Name;
    expect(after.Mounts.find((m) => m.Destination === '/cache')?.Name).toBe(oldCache);
    expect((await docker(engine, 'exec', 'keeper', 'cat', '/cache/data')).trim()).toBe('precious');
    // What Berth does not model is kept as it was.
    expect(after.Config.Hostname).toBe('chosen-host');
    expect(after.HostConfig.CapAdd).toEqual(before.HostConfig.CapAdd);
    expect(after.HostConfig.CapAdd?.join()).toContain('NET_ADMIN');
    expect(after.HostConfig.Dns).toEqual(['10.9.8.7']);
    expect(after.HostConfig.ExtraHosts).toEqual(['db.local:10.1.2.3']);
    expect(after.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(after.Config.Labels).toMatchObject({ tier: 'front' });
    expect(after.Config.Cmd).toEqual(['sh', '-c', script]);
    expect(Object.keys(after.NetworkSettings.Networks).sort()).toEqual(['back', 'front']);
    expect(after.NetworkSettings.Networks.front?.Aliases).toContain('keeper-alias');
    expect(after.NetworkSettings.Networks.back?.Aliases).toContain('keeper-back');
    // The old one is gone, nothing else is left.
    expect(await names()).toEqual(['keeper']);
    // The settings read back are the new ones.
    const { spec } = await containerSettings(client, after.Id);
    expect(spec.env).toEqual(['MODE=good', 'ADDED=yes']);
    expect(spec.restart).toEqual({ name: 'on-failure', maxRetries: 4 });
  });

  it('keeps a stopped container stopped', async () => {
    await docker(engine, 'create', '--name', 'sleeper', '-e', 'MODE=good', busyboxImage);
    await recreateContainer(client, 'sleeper', { restart: { name: 'always' } });
    const after = await inspect('sleeper');
    expect(after.State.Status).toBe('created');
    expect(after.HostConfig.RestartPolicy?.Name).toBe('always');
    expect(await names()).toContain('sleeper');
  });

  it("refuses a bind folder that does not exist, in the engine's words, before touching the old one", async () => {
    const before = await runWithEverything('bind-miss', 18903);
    const e = await failure(
      recreateContainer(client, 'bind-miss', {
        volumes: [{ type: 'bind', source: '/no/such/folder', target: '/x', readOnly: false }],
      }),
    );
    expect(e.engineMessage).toContain('/no/such/folder');
    const after = await inspect('bind-miss');
    expect(after.Id).toBe(before.Id);
    expect(after.State.StartedAt).toBe(before.State.StartedAt); // never stopped
    expect((await names()).filter((n) => n.startsWith('bind-miss'))).toEqual(['bind-miss']);
  });

  it('brings the old one back when the new one cannot start (host port taken)', async () => {
    await docker(
      engine,
      'run',
      '-d',
      '--name',
      'squatter',
      '-p',
      '127.0.0.1:18905:80',
      busyboxImage,
      'httpd',
      '-f',
      '-p',
      '80',
    );
    const before = await runWithEverything('port-clash', 18904);
    const e = await failure(
      recreateContainer(client, 'port-clash', {
        ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 18905, hostIp: '127.0.0.1' }],
      }),
    );
    expect(e.engineMessage).toMatch(/port is already allocated|address already in use/);
    expect(e.hint).toContain('port-clash is back as it was');
    const after = await inspect('port-clash');
    expect(after.Id).toBe(before.Id);
    expect(after.State.Running).toBe(true);
    expect(after.HostConfig.PortBindings['80/tcp']).toEqual([
      { HostIp: '127.0.0.1', HostPort: '18904' },
    ]);
    expect((await names()).filter((n) => n.startsWith('port-clash'))).toEqual(['port-clash']);
  });

  it('brings the old one back when the new one exits at once, with its exit code and output', async () => {
    const before = await runWithEverything('quitter', 18906);
    const e = await failure(recreateContainer(client, 'quitter', { env: ['MODE=bad'] }));
    expect(e.message).toContain('exited with code 3');
    expect(e.hint).toContain('quitter is back as it was');
    const after = await inspect('quitter');
    expect(after.Id).toBe(before.Id);
    expect(after.State.Running).toBe(true);
    expect(after.Config.Env).toContain('MODE=good');
    expect((await docker(engine, 'exec', 'quitter', 'cat', '/cache/data')).trim()).toBe('precious');
    expect((await names()).filter((n) => n.startsWith('quitter'))).toEqual(['quitter']);
  });

  it('refuses a running --rm container, which stopping would delete', async () => {
    await docker(
      engine,
      'run',
      '-d',
      '--rm',
      '--name',
      'ephemeral',
      busyboxImage,
      'sh',
      '-c',
      script,
    );
    const before = await inspect('ephemeral');
    const e = await failure(recreateContainer(client, 'ephemeral', { env: ['MODE=good'] }));
    expect(e.kind).toBe('conflict');
    expect(e.message).toContain('--rm');
    const after = await inspect('ephemeral');
    expect(after.Id).toBe(before.Id);
    expect(after.State.Running).toBe(true);
  });

  it('says plainly when the container is gone', async () => {
    const e = await failure(recreateContainer(client, 'never-was', { env: [] }));
    expect(e).toMatchObject({ kind: 'not-found', status: 404 });
    expect(e.engineMessage).toContain('No such container');
  });

  it('refuses bad changes at the contract boundary', () => {
    const schema = callArgs['containers.recreate'];
    expect(
      schema.safeParse(['web', { ports: [{ containerPort: 70000, protocol: 'tcp' }] }]).success,
    ).toBe(false);
    expect(schema.safeParse(['web', { image: 'other' }]).success).toBe(false); // not changeable
    expect(schema.safeParse(['<b>', {}]).success).toBe(false);
    expect(schema.safeParse(['web', { restart: { name: 'sometimes' } }]).success).toBe(false);
  });

  it('shows CLI lines that do the same re-create', async () => {
    await docker(
      engine,
      'run',
      '-d',
      '--name',
      'by-hand',
      '-p',
      '127.0.0.1:18907:80',
      '-e',
      'MODE=good',
      busyboxImage,
      'sh',
      '-c',
      script,
    );
    const { spec } = await containerSettings(client, 'by-hand');
    const lines = recreateCommandLines(
      {
        ...spec,
        name: 'by-hand',
        ports: [{ containerPort: 80, protocol: 'tcp', hostPort: 18908, hostIp: '127.0.0.1' }],
        env: ['MODE=good', 'VIA=cli'],
      },
      'posix',
      { host: engine.endpoint },
    );
    for (const line of lines) await sh('sh', ['-c', line], { timeout: 60_000 });
    const after = await inspect('by-hand');
    expect(after.State.Running).toBe(true);
    expect(after.HostConfig.PortBindings['80/tcp']).toEqual([
      { HostIp: '127.0.0.1', HostPort: '18908' },
    ]);
    expect(after.Config.Env).toEqual(expect.arrayContaining(['MODE=good', 'VIA=cli']));
    expect(after.Config.Cmd).toEqual(['sh', '-c', script]);
    expect((await names()).filter((n) => n.startsWith('by-hand'))).toEqual(['by-hand']);
  });
});
