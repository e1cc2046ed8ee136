// The Volumes page's calls through the app's dispatcher (argument schemas
// included) against a real engine, with the docker CLI as the truth: create
// with options and labels (and its shown line, hostile values and all, run by
// a real shell), names refused before the engine, removal refused while
// containers use a volume, prune exactly as previewed, sizes as `docker system
// df -v` has them, and `--volumes-from` through create, the shown line and
// re-create.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallChannel, CallResult } from '../../electron/contract/channels.ts';
import { ContractError, type ErrorEnvelope } from '../../electron/contract/errors.ts';
import { dockerCommandLine, runCommandLine } from '../../electron/contract/run-spec/run-command.ts';
import { emptyRunSpec, type RunSpec } from '../../electron/contract/run-spec/spec.ts';
import {
  volumeCreateArgs,
  type VolumeCreateSpec,
} from '../../electron/contract/volume-actions-channels.ts';
import type { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import { docker, inspectContainer, type TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';

const sh = promisify(execFile);
let env: EngineServices;
let engine: TestEngine;
let dispatcher: Dispatcher;

beforeAll(async () => {
  env = await startEngineServices({ name: 'volumes' });
  ({ engine, dispatcher } = env);
}, 120_000);

afterAll(async () => {
  await env?.dispose();
});

/** A call as the renderer makes it: through the argument schemas. */
async function call<K extends CallChannel>(channel: K, ...args: unknown[]): Promise<CallResult<K>> {
  const reply = await dispatcher.call(channel, args);
  if (!reply.ok) throw new ContractError(reply.error);
  return reply.value as CallResult<K>;
}

async function refusal(work: Promise<unknown>): Promise<ErrorEnvelope> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ContractError);
  return (err as ContractError).envelope;
}

const volumeNames = async () =>
  (await docker(engine, 'volume', 'ls', '-q')).split('\n').filter(Boolean).sort();
const inspectVolume = async (name: string) =>
  (
    JSON.parse(await docker(engine, 'volume', 'inspect', name)) as [
      { Driver: string; Labels: Record<string, string> | null; Options: Record<string, string> },
    ]
  )[0];
const hostile = `it's "q" $(touch /tmp/berth-pwned) \`id\` a;b|c & \${HOME}`;

describe('create', () => {
  it('makes the volume with its driver options and labels, as docker volume inspect reads it', async () => {
    const spec: VolumeCreateSpec = {
      name: 'vol-made',
      driver: 'local',
      options: { type: 'tmpfs', device: 'tmpfs', o: 'size=8m' },
      labels: { tier: 'db', note: hostile },
    };
    expect(await call('volumes.create', spec)).toEqual({ name: 'vol-made' });
    const made = await inspectVolume('vol-made');
    expect(made).toMatchObject({ Driver: 'local', Labels: spec.labels, Options: spec.options });

    // The shown line, run by a real shell, makes the same volume.
    const line = dockerCommandLine(volumeCreateArgs({ ...spec, name: 'vol-shown' }), 'posix', {
      host: engine.endpoint,
    });
    await sh('sh', ['-c', line]);
    const shown = await inspectVolume('vol-shown');
    expect({ ...shown, Name: undefined, Mountpoint: undefined, CreatedAt: undefined }).toEqual({
      ...made,
      Name: undefined,
      Mountpoint: undefined,
      CreatedAt: undefined,
    });
  });

  it('lets the engine pick a name when none is given', async () => {
    const { name } = await call('volumes.create', { driver: 'local', options: {}, labels: {} });
    expect(name).toMatch(/^[0-9a-f]{64}$/);
    expect(await volumeNames()).toContain(name);
  });

  it('refuses a name with invalid characters before the engine sees it', async () => {
    const before = await volumeNames();
    for (const name of ['bad name', '../up', '-x', 'a']) {
      const e = await refusal(
        call('volumes.create', { name, driver: 'local', options: {}, labels: {} }),
      );
      expect(e.kind).toBe('bad-request');
      expect(e.status).toBeUndefined();
    }
    expect(await volumeNames()).toEqual(before);
  });

  it("says the engine's own words when it refuses (an option the driver lacks)", async () => {
    const e = await refusal(
      call('volumes.create', {
        name: 'vol-badopt',
        driver: 'local',
        options: { nosuch: 'x' },
        labels: {},
      }),
    );
    expect(e.engineMessage).toMatch(/nosuch/);
    expect(e.message).toContain("Couldn't create volume vol-badopt");
    expect(await volumeNames()).not.toContain('vol-badopt');
  });
});

describe('remove', () => {
  it('refuses a volume in use, naming every container that uses it, even with force', async () => {
    await call('volumes.create', { name: 'vol-busy', driver: 'local', options: {}, labels: {} });
    await docker(engine, 'create', '--name', 'busy-stopped', '-v', 'vol-busy:/d', busyboxImage);
    await docker(
      engine,
      'run',
      '-d',
      '--name',
      'busy-running',
      '-v',
      'vol-busy:/d',
      busyboxImage,
      'sleep',
      '600',
    );
    const e = await refusal(call('volumes.remove', 'vol-busy', { force: true }));
    expect(e.kind).toBe('conflict');
    expect(e.message).toContain('busy-running (running)');
    expect(e.message).toContain('busy-stopped (stopped)');
    expect(e.engineMessage).toMatch(/in use/);
    expect(await volumeNames()).toContain('vol-busy');

    await docker(engine, 'rm', '-f', 'busy-stopped', 'busy-running');
    await call('volumes.remove', 'vol-busy', { force: false });
    expect(await volumeNames()).not.toContain('vol-busy');
  });
});

describe('sizes and prune', () => {
  it('reads the sizes docker system df -v reports', async () => {
    await call('volumes.create', { name: 'vol-sized', driver: 'local', options: {}, labels: {} });
    await docker(
      engine,
      'run',
      '--rm',
      '-v',
      'vol-sized:/d',
      busyboxImage,
      'sh',
      '-c',
      'dd if=/dev/zero of=/d/f bs=1k count=300 2>/dev/null',
    );
    const sizes = await call('volumes.sizes');
    const df = JSON.parse(
      await docker(engine, 'system', 'df', '-v', '--format', '{{json .Volumes}}'),
    ) as { Name: string; Size: string }[];
    const cli = df.find((v) => v.Name === 'vol-sized')!;
    expect(sizes['vol-sized']).toBeGreaterThanOrEqual(300 * 1024);
    // The CLI rounds to a unit ("307.2kB"): the same figure, as it writes it.
    expect(cli.Size).toBe(`${(sizes['vol-sized']! / 1000).toFixed(1)}kB`);
  });

  it('removes exactly what the preview listed (named volumes too, on dockerd 20.10) and says what it freed', async () => {
    await docker(engine, 'run', '--name', 'prune-user', '-v', 'vol-kept:/d', busyboxImage, 'true');
    await docker(engine, 'volume', 'create', 'vol-unused');
    const preview = await call('volumes.prunePreview');
    const previewed = preview.volumes.map((v) => v.name);
    expect(previewed).toContain('vol-unused');
    expect(previewed).toContain('vol-sized');
    expect(previewed).not.toContain('vol-kept');
    // dockerd 20.10 keeps unused volumes made with driver options (vol-made and vol-shown: tmpfs).
    expect(previewed).not.toContain('vol-made');
    expect(preview.keptWithOptions).toBe(2);
    expect(preview.anonymousOnly).toBe(false);
    expect(preview.keptInUse).toBeGreaterThanOrEqual(1);
    const before = await volumeNames();

    const result = await call('volumes.prune');
    expect([...result.deleted].sort()).toEqual([...previewed].sort());
    expect(result.bytesFreed).toBe(preview.bytes);
    expect(await volumeNames()).toEqual(before.filter((n) => !previewed.includes(n)));
    expect(await volumeNames()).toContain('vol-kept');
    // The engine sends no event for a pruned volume: the app's live list is right all the same.
    const listed = (await call('volumes.list')).items.map((v) => v.name);
    expect(listed.filter((n) => previewed.includes(n))).toEqual([]);
  });
});

describe('--volumes-from', () => {
  it("mounts the source's volumes, as the shown line does (run by a real shell), and keeps it through re-create", async () => {
    // A data container whose name is as odd as the engine allows.
    const source = 'data.-_store';
    await docker(
      engine,
      'create',
      '--name',
      source,
      '-v',
      'vol-from:/shared',
      '-v',
      '/anon',
      busyboxImage,
    );
    const spec: RunSpec = {
      ...emptyRunSpec(),
      image: busyboxImage,
      name: 'from-app',
      start: false,
      volumesFrom: [`${source}:ro`],
      volumes: [{ type: 'volume', source: 'vol-own', target: '/own', readOnly: false }],
      env: [`NOTE=${hostile}`],
    };
    await call('containers.create', spec);
    await sh('sh', [
      '-c',
      runCommandLine({ ...spec, name: 'from-cli' }, 'posix', { host: engine.endpoint }),
    ]);
    const shape = async (name: string) => {
      const info = await inspectContainer(engine, name);
      return {
        volumesFrom: info.HostConfig.VolumesFrom as unknown,
        env: info.Config.Env,
        mounts: info.Mounts.map((m) => `${m.Name ?? m.Source}:${m.Destination}:${m.RW}`).sort(),
      };
    };
    const app = await shape('from-app');
    expect(app.volumesFrom).toEqual([`${source}:ro`]);
    expect(app.mounts).toContain('vol-from:/shared:false');
    expect(await shape('from-cli')).toEqual(app);

    // The Settings tab reads it back, without the volumes it brings.
    const settings = await call('containers.settings', 'from-app');
    expect(settings.spec.volumesFrom).toEqual([`${source}:ro`]);
    expect(settings.spec.volumes).toEqual(spec.volumes);

    // A re-create that changes the volumes as the tab sends them keeps --volumes-from.
    await call('containers.recreate', 'from-app', {
      volumes: [
        ...settings.spec.volumes,
        { type: 'volume', source: 'vol-more', target: '/more', readOnly: false },
      ],
    });
    const after = await shape('from-app');
    expect(after.volumesFrom).toEqual([`${source}:ro`]);
    expect(after.mounts).toEqual([...app.mounts, 'vol-more:/more:true'].sort());

    // One that changes nothing of the volumes neither copies the source's anonymous volume in.
    await call('containers.recreate', 'from-app', { env: ['NOTE=changed'] });
    const again = await shape('from-app');
    expect(again.volumesFrom).toEqual([`${source}:ro`]);
    expect(again.mounts).toEqual(after.mounts);
    // The source's anonymous volume stays the source's: not a mount of the container's own.
    const own = (await inspectContainer(engine, 'from-app')).HostConfig.Mounts ?? [];
    expect(own.map((m) => m.Target)).not.toContain('/anon');
    const anon = (await inspectContainer(engine, 'from-app')).Mounts.find(
      (m) => m.Destination === '/anon',
    );
    expect(anon?.RW).toBe(false); // still the source's, read-only through :ro
  });
});
