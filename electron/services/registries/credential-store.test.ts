// Logins kept as the CLI keeps them: in the helper when one is configured
// (config.json holding only an empty entry), else base64 in `auths`.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { helperEnv, helperStoreContents } from '../../../test/helpers/credential-helpers.ts';
import { configAuth, CredentialStore } from './credential-store.ts';

let dir: string;
let storeFile: string;
let env: NodeJS.ProcessEnv;
const readConfig = async () =>
  JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-store-'));
  storeFile = path.join(dir, 'helper-store.json');
  env = helperEnv(storeFile);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('CredentialStore', () => {
  it('keeps a login in auths without a helper, and AuthFor answers it', async () => {
    const store = new CredentialStore(dir, { env });
    expect(await store.store('localhost:5000', 'alice', { password: 'pw' })).toEqual({});
    expect(await readConfig()).toEqual({
      auths: { 'localhost:5000': { auth: Buffer.from('alice:pw').toString('base64') } },
    });
    expect(await configAuth(dir, { env })('localhost:5000/team/app:1')).toEqual({
      username: 'alice',
      password: 'pw',
      serveraddress: 'localhost:5000',
    });
    expect(await configAuth(dir, { env })('busybox')).toBeUndefined();
  });

  it('keeps a login in credsStore, never the password in config.json', async () => {
    await writeFile(
      path.join(dir, 'config.json'),
      JSON.stringify({ credsStore: 'berth-test', currentContext: 'x' }),
    );
    const store = new CredentialStore(dir, { env });
    expect(await store.store('localhost:5000', 'alice', { password: 'pw' })).toEqual({
      helper: 'berth-test',
    });
    expect(await readConfig()).toEqual({
      credsStore: 'berth-test',
      currentContext: 'x',
      auths: { 'localhost:5000': {} },
    });
    expect(await helperStoreContents(storeFile)).toEqual({
      'localhost:5000': { Username: 'alice', Secret: 'pw' },
    });
    expect(await store.get('localhost:5000')).toEqual({
      username: 'alice',
      password: 'pw',
      helper: 'berth-test',
    });
    await store.erase('localhost:5000');
    expect(await helperStoreContents(storeFile)).toEqual({});
    expect(await readConfig()).toEqual({
      credsStore: 'berth-test',
      currentContext: 'x',
      auths: {},
    });
  });

  it('asks a registry own credHelpers entry, and keeps an identity token as <token>', async () => {
    await writeFile(
      path.join(dir, 'config.json'),
      JSON.stringify({
        credsStore: 'berth-missing',
        credHelpers: { 'localhost:5000': 'berth-test' },
      }),
    );
    const store = new CredentialStore(dir, { env });
    await store.store('localhost:5000', 'alice', { identitytoken: 'refresh-me' });
    expect(await helperStoreContents(storeFile)).toEqual({
      'localhost:5000': { Username: '<token>', Secret: 'refresh-me' },
    });
    expect(await configAuth(dir, { env })('localhost:5000/x')).toEqual({
      identitytoken: 'refresh-me',
      serveraddress: 'localhost:5000',
    });
  });

  it('uses Docker Hub key for docker.io and lists config registries by host', async () => {
    const store = new CredentialStore(dir, { env });
    await store.store('docker.io', 'bob', { password: 'pw' });
    expect(Object.keys((await readConfig()).auths as object)).toEqual([
      'https://index.docker.io/v1/',
    ]);
    expect(await configAuth(dir, { env })('busybox:latest')).toMatchObject({
      username: 'bob',
      serveraddress: 'https://index.docker.io/v1/',
    });
    await writeFile(
      path.join(dir, 'config.json'),
      JSON.stringify({
        auths: { 'https://index.docker.io/v1/': {}, 'https://r.example.com': {} },
        credHelpers: { 'gcr.io': 'gcloud' },
      }),
    );
    expect(await store.known()).toEqual(['docker.io', 'r.example.com', 'gcr.io']);
  });

  it('fails AuthFor with the helper words rather than going on anonymously', async () => {
    await writeFile(path.join(dir, 'config.json'), JSON.stringify({ credsStore: 'berth-broken' }));
    await expect(configAuth(dir, { env })('localhost:5000/x')).rejects.toThrow(
      /the keychain is locked/,
    );
  });
});
