// Lifecycle actions against a real engine, checked with the docker CLI; and
// the failures a beginner meets, in the engine's own words with a way forward.
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerActions } from '../../electron/services/containers/container-actions.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { failure } from '../helpers/failure.ts';
import { docker, startManagedEngine, type TestEngine } from '../helpers/managed-engine.ts';

let engine: TestEngine;
let actions: ReturnType<typeof containerActions>;

beforeAll(async () => {
  engine = await startManagedEngine();
  await ensureBusyboxImage(engine.endpoint);
  const client = new Docker({ socketPath: engine.socketPath });
  actions = containerActions({ docker: () => client, nameOf: (id) => id });
});

afterAll(async () => {
  await engine?.cleanup();
});

const state = async (name: string) =>
  (
    await docker(engine, 'inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', name)
  ).trim();

describe('container actions', () => {
  it('start, pause, resume, restart, stop and kill move the container as the CLI sees it', async () => {
    await docker(engine, 'create', '--name', 'life', busyboxImage, 'sleep', '600');
    await actions['containers.start']('life');
    expect(await state('life')).toBe('running 0');
    await actions['containers.pause']('life');
    expect(await state('life')).toBe('paused 0');
    await actions['containers.unpause']('life');
    expect(await state('life')).toBe('running 0');
    const before = (
      await docker(engine, 'inspect', '--format', '{{.State.StartedAt}}', 'life')
    ).trim();
    await actions['containers.restart']('life', { timeoutSeconds: 0 });
    expect(
      (await docker(engine, 'inspect', '--format', '{{.State.StartedAt}}', 'life')).trim(),
    ).not.toBe(before);
    await actions['containers.stop']('life', { timeoutSeconds: 1 });
    expect(await state('life')).toBe('exited 137'); // sleep ignores SIGTERM as PID 1: killed after the timeout
    await actions['containers.start']('life');
    await actions['containers.kill']('life', { signal: 'SIGKILL' });
    expect(await state('life')).toBe('exited 137');
  });

  it('treats starting a running container and stopping a stopped one as done, like the CLI', async () => {
    await docker(engine, 'run', '-d', '--name', 'idem', busyboxImage, 'sleep', '600');
    await actions['containers.start']('idem');
    await actions['containers.stop']('idem', { timeoutSeconds: 0 });
    await actions['containers.stop']('idem', { timeoutSeconds: 0 });
    expect(await state('idem')).toMatch(/^exited/);
  });

  it('renames, and removes with its anonymous volumes when asked', async () => {
    await docker(engine, 'create', '--name', 'old-name', '-v', '/data', busyboxImage);
    const volume = (
      await docker(engine, 'inspect', '--format', '{{(index .Mounts 0).Name}}', 'old-name')
    ).trim();
    await actions['containers.rename']('old-name', 'new-name');
    expect(await state('new-name')).toBe('created 0');
    await actions['containers.remove']('new-name', { volumes: true });
    expect(await docker(engine, 'ps', '-aq', '--filter', 'name=new-name')).toBe('');
    expect(await docker(engine, 'volume', 'ls', '-q')).not.toContain(volume);
  });

  it("refuses to remove a running container without force, in the engine's words, and removes it with force", async () => {
    await docker(engine, 'run', '-d', '--name', 'busy', busyboxImage, 'sleep', '600');
    const e = await failure(actions['containers.remove']('busy'));
    expect(e).toMatchObject({ kind: 'conflict', status: 409 });
    expect(e.engineMessage).toMatch(
      /stop the container before removing|cannot remove a running container/i,
    );
    expect(e.message).toContain("Couldn't remove busy");
    expect(e.hint).toBe('Stop it first, or remove it with force.');
    await actions['containers.remove']('busy', { force: true });
    expect(await docker(engine, 'ps', '-aq', '--filter', 'name=busy')).toBe('');
  });

  it('says a container is gone, and a name is taken, as the engine does', async () => {
    const gone = await failure(actions['containers.stop']('no-such-container'));
    expect(gone).toMatchObject({ kind: 'not-found', status: 404 });
    expect(gone.engineMessage).toContain('No such container');

    await docker(engine, 'create', '--name', 'taken', busyboxImage);
    await docker(engine, 'create', '--name', 'wants-it', busyboxImage);
    const clash = await failure(actions['containers.rename']('wants-it', 'taken'));
    expect(clash).toMatchObject({ kind: 'conflict', status: 409 });
    expect(clash.hint).toBe('Pick another name, or remove the container that has it.');
  });

  it('names a host port already in use, with what to do', async () => {
    await docker(
      engine,
      'run',
      '-d',
      '--name',
      'port-owner',
      '-p',
      '127.0.0.1:18765:80',
      busyboxImage,
      'httpd',
      '-f',
      '-p',
      '80',
    );
    await docker(
      engine,
      'create',
      '--name',
      'port-wanter',
      '-p',
      '127.0.0.1:18765:80',
      busyboxImage,
      'httpd',
      '-f',
      '-p',
      '80',
    );
    const e = await failure(actions['containers.start']('port-wanter'));
    expect(e.engineMessage).toMatch(/port is already allocated|address already in use/);
    expect(e.hint).toContain('Another container or program uses that host port');
    expect(await state('port-wanter')).toMatch(/^created/);
  });
});
