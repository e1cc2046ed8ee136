// Logins, kept credentials and browsing against a real registry with htpasswd
// auth (Debian's docker-registry) and a real credential helper program, through
// the app's own dispatcher, with the docker CLI (reading the same config
// folder) and the engine's own pull as the truth.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import type { LoginResult, RegistryStatus } from '../../electron/contract/registries-channels.ts';
import { loginCommand } from '../../electron/contract/run-spec/registry-commands.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { configAuth } from '../../electron/services/registries/credential-store.ts';
import { catalogPage } from '../../electron/services/registries/registry-client.ts';
import { SettingsFile } from '../../electron/services/settings.ts';
import { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { helperStoreContents, useHelpersInProcess } from '../helpers/credential-helpers.ts';
import { docker, startManagedEngine, type TestEngine } from '../helpers/managed-engine.ts';
import { freePort, startRegistry, type TestRegistry } from '../helpers/registry.ts';
import { hasImage } from '../helpers/registry-images.ts';
import { makePassStore } from '../helpers/pass-store.ts';

// A username a shell would read as code, unless the shown `docker login` line quotes it.
const user = { username: `o'k"$(id)&;|<x>`, password: 'right horse battery' };
let engine: TestEngine;
let registry: TestRegistry;
let services: AppServices;
let dispatcher: Dispatcher;
let configDir: string;
let storeFile: string;
let undoHelpers: () => void;
let oldDockerConfig: string | undefined;

beforeAll(async () => {
  [engine, registry] = await Promise.all([startManagedEngine(), startRegistry({ user })]);
  configDir = await mkdtemp(join(tmpdir(), 'berth-docker-config-'));
  storeFile = join(configDir, 'helper-store.json');
  // The helpers on PATH for the app and the CLI; the CLI reads the same config folder as the app.
  undoHelpers = useHelpersInProcess(storeFile);
  oldDockerConfig = process.env.DOCKER_CONFIG;
  process.env.DOCKER_CONFIG = configDir;
  services = createAppServices(
    {
      mode: engine.endpoint,
      discover: async () => [],
      managed: null,
      noEngineAdvice: 'Install docker.io.',
      settings: new SettingsFile(await mkdtemp(join(tmpdir(), 'berth-registries-'))),
    },
    { dockerConfigDir: configDir },
  );
  await services.manager.init();
  dispatcher = new Dispatcher(services);
  await ensureBusyboxImage(engine.endpoint);
});

afterAll(async () => {
  await services?.dispose();
  await registry?.stop();
  await engine?.cleanup();
  undoHelpers?.();
  if (oldDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
  else process.env.DOCKER_CONFIG = oldDockerConfig;
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

async function call<T>(channel: string, ...args: unknown[]): Promise<T> {
  const reply = await dispatcher.call(channel, args);
  if (!reply.ok) throw Object.assign(new Error(reply.error.message), { envelope: reply.error });
  return reply.value as T;
}

async function failure(channel: string, ...args: unknown[]): Promise<ErrorEnvelope> {
  const reply = await dispatcher.call(channel, args);
  if (reply.ok) throw new Error(`${channel} succeeded: ${JSON.stringify(reply.value)}`);
  return reply.error;
}

const readConfig = async () =>
  JSON.parse(await readFile(join(configDir, 'config.json'), 'utf8')) as {
    auths?: Record<string, { auth?: string }>;
    [key: string]: unknown;
  };
const ref = (name: string) => `${registry.host}/${name}`;

describe('registries', () => {
  it('refuses a wrong password in the engine words and keeps nothing', async () => {
    const error = await failure('registries.login', {
      registry: registry.host,
      ...user,
      password: 'wrong',
    });
    expect(error.engineMessage).toMatch(/failed with status: 401 Unauthorized|unauthorized: /);
    expect(error.message).toContain(`Logging in to ${registry.host}`);
    expect(error.hint).toMatch(/username and password/);
    await expect(readFile(join(configDir, 'config.json'))).rejects.toThrow(/ENOENT/);
  });

  it('keeps a login base64 in auths without a helper; AuthFor answers it and the CLI pushes with it', async () => {
    await writeFile(join(configDir, 'config.json'), JSON.stringify({ psFormat: 'table {{.ID}}' }));
    const result = await call<LoginResult>('registries.login', {
      registry: registry.host,
      ...user,
    });
    expect(result.helper).toBeUndefined();
    expect(result.warning).toMatch(/stored unencrypted/);
    const config = await readConfig();
    expect(config.psFormat).toBe('table {{.ID}}');
    expect(Buffer.from(config.auths![registry.host]!.auth!, 'base64').toString()).toBe(
      `${user.username}:${user.password}`,
    );
    expect(await configAuth(configDir)(ref('berth/a:1'))).toEqual({
      ...user,
      serveraddress: registry.host,
    });
    // The CLI reads the same config.json: Berth's login is a docker login.
    for (const name of ['berth/a:1', 'berth/b:1']) {
      await docker(engine, 'tag', busyboxImage, ref(name));
      await docker(engine, 'push', '-q', ref(name));
    }
    const list = await call<RegistryStatus[]>('registries.list', ['images.example.com']);
    expect(list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ registry: 'docker.io', source: 'hub', loggedIn: false }),
        expect.objectContaining({
          registry: registry.host,
          source: 'config',
          loggedIn: true,
          username: user.username,
        }),
        expect.objectContaining({
          registry: 'images.example.com',
          source: 'images',
          loggedIn: false,
        }),
      ]),
    );
  });

  it('browses the catalog, page by page, and a repository tags with basic auth', async () => {
    const all = await call<{ repositories: string[]; next?: string }>('registries.catalog', {
      registry: registry.host,
    });
    expect(all).toEqual({ repositories: ['berth/a', 'berth/b'] });
    const credentials = { ...user };
    const first = await catalogPage(registry.host, { credentials, n: 1 });
    expect(first).toEqual({ repositories: ['berth/a'], next: 'berth/a' });
    expect(await catalogPage(registry.host, { credentials, n: 1, last: first.next! })).toEqual({
      repositories: ['berth/b'],
    });
    expect(
      await call('registries.tags', { registry: registry.host, repository: 'berth/b' }),
    ).toEqual(['1']);
  });

  it('pulls through the engine with AuthFor answer, and not without it', async () => {
    await docker(engine, 'rmi', ref('berth/a:1'));
    const streams = services.manager.connection().streams;
    const pull = async (authconfig: object | undefined) => {
      const stream = await streams.pull(ref('berth/a:1'), authconfig ? { authconfig } : {});
      await new Promise<void>((resolve, reject) =>
        streams.modem.followProgress(stream, (err: Error | null) =>
          err ? reject(err) : resolve(),
        ),
      );
    };
    await expect(pull(undefined)).rejects.toThrow(/no basic auth credentials|unauthorized/);
    await pull(await configAuth(configDir)(ref('berth/a:1')));
    expect(await hasImage(engine, ref('berth/a:1'))).toBe(true);
  });

  it('builds FROM a private image with the kept login, as docker build sends it', async () => {
    await docker(engine, 'rmi', ref('berth/a:1'));
    const context = await mkdtemp(join(tmpdir(), 'berth-private-from-'));
    try {
      await writeFile(join(context, 'Dockerfile'), `FROM ${ref('berth/a:1')}\nLABEL built=yes\n`);
      const build = (tags: string[]) =>
        new Promise<ErrorEnvelope | undefined>((resolve) => {
          const control = dispatcher.openStream(
            'images.build',
            [{ context, dockerfile: 'Dockerfile', tags, buildArgs: [] }],
            { data: (bytes) => control.ack(bytes.byteLength), end: resolve },
          );
        });
      expect(await build(['berth-reg/from-private:1'])).toBeUndefined();
      expect(await hasImage(engine, ref('berth/a:1'))).toBe(true);
      expect(await hasImage(engine, 'berth-reg/from-private:1')).toBe(true);
      // Without the login the same FROM is refused, in the engine's words.
      await docker(engine, 'rmi', 'berth-reg/from-private:1', ref('berth/a:1'));
      const config = await readFile(join(configDir, 'config.json'), 'utf8');
      await writeFile(join(configDir, 'config.json'), '{}');
      try {
        const error = await build(['berth-reg/from-private:2']);
        expect(error?.engineMessage).toMatch(/no basic auth credentials|unauthorized/);
      } finally {
        await writeFile(join(configDir, 'config.json'), config);
      }
    } finally {
      await rm(context, { recursive: true, force: true });
    }
  });

  it('shows a docker login line that the real CLI runs through sh and bash as shown', async () => {
    for (const shell of ['sh', 'bash']) {
      const cliConfig = await mkdtemp(join(tmpdir(), 'berth-cli-login-'));
      // An auths entry, so the CLI keeps to config.json rather than a default store it detects
      // (docker-credential-pass is installed here for the test below, its store not set up).
      await writeFile(
        join(cliConfig, 'config.json'),
        JSON.stringify({ auths: { 'other.invalid': {} } }),
      );
      try {
        const line = loginCommand(registry.host, user.username, 'posix', { host: engine.endpoint });
        expect(line).not.toContain(user.password);
        await new Promise<void>((resolve, reject) => {
          const child = execFile(
            shell,
            ['-c', `${line} --password-stdin`],
            { env: { ...process.env, DOCKER_CONFIG: cliConfig }, timeout: 30_000 },
            (error) => (error ? reject(error) : resolve()),
          );
          child.stdin?.end(user.password);
        });
        const kept = JSON.parse(await readFile(join(cliConfig, 'config.json'), 'utf8')) as {
          auths: Record<string, { auth: string }>;
        };
        expect(Buffer.from(kept.auths[registry.host]!.auth, 'base64').toString()).toBe(
          `${user.username}:${user.password}`,
        );
      } finally {
        await rm(cliConfig, { recursive: true, force: true });
      }
    }
  });

  it('logs out by removing the auths entry', async () => {
    await call('registries.logout', registry.host);
    expect((await readConfig()).auths).toEqual({});
    expect(await configAuth(configDir)(ref('berth/a:1'))).toBeUndefined();
    const error = await failure('registries.catalog', { registry: registry.host });
    expect(error.engineMessage).toMatch(/^unauthorized: /);
  });

  it('keeps a login in credsStore, never in config.json, and logout erases it there', async () => {
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({ credsStore: 'berth-test', auths: {} }),
      {
        mode: 0o644,
      },
    );
    const result = await call<LoginResult>('registries.login', {
      registry: registry.host,
      ...user,
    });
    expect(result).toEqual({
      registry: registry.host,
      username: user.username,
      helper: 'berth-test',
    });
    const text = await readFile(join(configDir, 'config.json'), 'utf8');
    expect(text).not.toContain(Buffer.from(`${user.username}:${user.password}`).toString('base64'));
    expect(JSON.parse(text)).toEqual({ credsStore: 'berth-test', auths: { [registry.host]: {} } });
    expect(await helperStoreContents(storeFile)).toEqual({
      [registry.host]: { Username: user.username, Secret: user.password },
    });
    expect(await configAuth(configDir)(ref('berth/b:1'))).toEqual({
      ...user,
      serveraddress: registry.host,
    });
    // The CLI finds it through the same helper.
    await docker(engine, 'pull', '-q', ref('berth/b:1'));
    await call('registries.logout', registry.host);
    expect(await helperStoreContents(storeFile)).toEqual({});
  });

  it('keeps a login in docker-credential-pass (Debian), encrypted in a throwaway store', async () => {
    const store = await makePassStore();
    const old = {
      GNUPGHOME: process.env.GNUPGHOME,
      PASSWORD_STORE_DIR: process.env.PASSWORD_STORE_DIR,
    };
    Object.assign(process.env, store.env);
    try {
      await writeFile(join(configDir, 'config.json'), JSON.stringify({ credsStore: 'pass' }));
      const result = await call<LoginResult>('registries.login', {
        registry: registry.host,
        ...user,
      });
      expect(result.helper).toBe('pass');
      expect(await store.list()).toContain(Buffer.from(registry.host).toString('base64'));
      expect(await readFile(join(configDir, 'config.json'), 'utf8')).not.toContain(user.password);
      expect(await configAuth(configDir)(ref('berth/b:1'))).toEqual({
        ...user,
        serveraddress: registry.host,
      });
      await call('registries.logout', registry.host);
      expect(await configAuth(configDir)(ref('berth/b:1'))).toBeUndefined();
      // Logging out twice is fine, as with `docker logout`.
      await call('registries.logout', registry.host);
    } finally {
      for (const [key, value] of Object.entries(old)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await store.cleanup();
    }
  });

  it('says clearly when the helper is missing or fails', async () => {
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({ credsStore: 'berth-missing' }),
    );
    const missing = await failure('registries.login', { registry: registry.host, ...user });
    expect(missing.message).toBe(
      'The credential helper docker-credential-berth-missing (store) is not installed: no program of that name is on PATH.',
    );
    const listed = await call<RegistryStatus[]>('registries.list', []);
    expect(listed.find((r) => r.registry === 'docker.io')?.error).toMatch(
      /berth-missing \(get\) is not installed/,
    );
    await writeFile(
      join(configDir, 'config.json'),
      JSON.stringify({ credHelpers: { [registry.host]: 'berth-broken' } }),
    );
    await expect(configAuth(configDir)(ref('berth/a:1'))).rejects.toThrow(
      /docker-credential-berth-broken \(get\) failed: .*the keychain is locked/,
    );
    await writeFile(join(configDir, 'config.json'), '{}');
  });

  it('reports a registry that does not answer within seconds', async () => {
    const refused = `localhost:${await freePort()}`;
    let started = Date.now();
    const error = await failure('registries.catalog', { registry: refused });
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(new RegExp(`${refused} cannot be reached \\(.*ECONNREFUSED`));
    expect(Date.now() - started).toBeLessThan(6_000);
    // One that takes the connection and never answers: the deadline says so.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((s) => sockets.add(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      started = Date.now();
      const timeout = await failure('registries.tags', {
        registry: `localhost:${port}`,
        repository: 'x',
      });
      expect(timeout.message).toBe(`localhost:${port} did not answer within 5 s.`);
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('says Docker Hub cannot be reached within seconds when offline', async () => {
    const started = Date.now();
    const error = await failure('registries.search', { term: 'busybox' });
    expect(error.message).toMatch(/^Docker Hub cannot be reached \(offline\?\): /);
    expect(Date.now() - started).toBeLessThan(8_000);
  });
});
