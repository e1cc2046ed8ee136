import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  authsKeyFor,
  decodeAuthsEntry,
  encodeAuthsEntry,
  helperFor,
  platformDefaultStore,
  readDockerConfig,
  updateDockerConfig,
  writeDockerConfig,
} from './docker-config.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'berth-docker-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('config.json', () => {
  it('reads a missing file as empty and refuses one that is not JSON', async () => {
    expect(await readDockerConfig(dir)).toEqual({});
    await writeFile(path.join(dir, 'config.json'), '{ "auths": ');
    await expect(readDockerConfig(dir)).rejects.toThrow(/is not valid JSON/);
  });

  it('keeps every other key when auths change', async () => {
    const original = {
      auths: { 'old.example.com': { auth: 'eDp5' } },
      currentContext: 'berth',
      proxies: { default: { httpProxy: 'http://p:3128' } },
      psFormat: 'table {{.ID}}',
      someFutureKey: [1, { deep: true }],
    };
    await writeFile(path.join(dir, 'config.json'), JSON.stringify(original));
    await updateDockerConfig(dir, (c) => {
      c.auths = { ...c.auths, 'localhost:5000': encodeAuthsEntry('u', { password: 'p' }) };
    });
    const after = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as unknown;
    expect(after).toEqual({
      ...original,
      auths: { ...original.auths, 'localhost:5000': { auth: 'dTpw' } },
    });
  });

  it('writes atomically: no temporary file left, the mode kept, 0600 for a new file', async () => {
    await writeDockerConfig(dir, { auths: {} });
    expect((await stat(path.join(dir, 'config.json'))).mode & 0o777).toBe(0o600);
    const { chmod } = await import('node:fs/promises');
    await chmod(path.join(dir, 'config.json'), 0o640);
    await writeDockerConfig(dir, { auths: { a: {} } });
    expect((await stat(path.join(dir, 'config.json'))).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  it('replaces the file by rename, so a reader never sees half of it', async () => {
    await writeDockerConfig(dir, { auths: {} });
    const before = (await stat(path.join(dir, 'config.json'))).ino;
    await writeDockerConfig(dir, { auths: { big: { auth: 'x'.repeat(100_000) } } });
    expect((await stat(path.join(dir, 'config.json'))).ino).not.toBe(before);
  });

  it('writes through a symlinked config.json, keeping the link', async () => {
    const { mkdir, symlink, lstat } = await import('node:fs/promises');
    await mkdir(path.join(dir, 'dotfiles'));
    await writeFile(path.join(dir, 'dotfiles', 'docker.json'), '{"psFormat":"x"}');
    await mkdir(path.join(dir, 'home'));
    await symlink(path.join(dir, 'dotfiles', 'docker.json'), path.join(dir, 'home', 'config.json'));
    await updateDockerConfig(path.join(dir, 'home'), (c) => (c.auths = {}));
    expect((await lstat(path.join(dir, 'home', 'config.json'))).isSymbolicLink()).toBe(true);
    expect(JSON.parse(await readFile(path.join(dir, 'dotfiles', 'docker.json'), 'utf8'))).toEqual({
      psFormat: 'x',
      auths: {},
    });
  });

  it('keeps both of two updates made at once', async () => {
    await Promise.all(
      ['a.io', 'b.io', 'c.io'].map((key) =>
        updateDockerConfig(dir, (c) => (c.auths = { ...c.auths, [key]: {} })),
      ),
    );
    expect(Object.keys((await readDockerConfig(dir)).auths ?? {}).sort()).toEqual([
      'a.io',
      'b.io',
      'c.io',
    ]);
  });

  it('creates the folder when there is none', async () => {
    const nested = path.join(dir, 'a', '.docker');
    await writeDockerConfig(nested, { auths: {} });
    expect(await readDockerConfig(nested)).toEqual({ auths: {} });
  });
});

describe('auths entries', () => {
  it('decodes base64 user:password, keeping colons in the password', () => {
    const auth = Buffer.from('alice:pa:ss').toString('base64');
    expect(decodeAuthsEntry({ auth })).toEqual({ username: 'alice', password: 'pa:ss' });
  });

  it('decodes an identity token entry', () => {
    expect(decodeAuthsEntry(encodeAuthsEntry('bob', { identitytoken: 'tok' }))).toEqual({
      username: 'bob',
      identitytoken: 'tok',
    });
  });

  it('reads an empty entry (the CLI writes one beside a helper) as no credentials', () => {
    expect(decodeAuthsEntry({})).toBeUndefined();
  });

  it('finds a key written as a URL by its host, as the CLI does', () => {
    const config = { auths: { 'https://registry.example.com/v1/': {} } };
    expect(authsKeyFor(config, 'registry.example.com')).toBe('https://registry.example.com/v1/');
    expect(authsKeyFor(config, 'other.example.com')).toBeUndefined();
  });
});

describe('helperFor', () => {
  it('prefers the registry own credHelpers entry, then credsStore', () => {
    const config = { credsStore: 'desktop', credHelpers: { 'gcr.io': 'gcloud' } };
    expect(helperFor(config, 'gcr.io')).toBe('gcloud');
    expect(helperFor(config, 'localhost:5000')).toBe('desktop');
    expect(helperFor({}, 'localhost:5000')).toBeUndefined();
  });

  it('falls back to the platform store only for a config without any login setting, as the CLI', () => {
    expect(helperFor({}, 'localhost:5000', 'osxkeychain')).toBe('osxkeychain');
    expect(helperFor({ auths: { 'x.io': {} } }, 'localhost:5000', 'osxkeychain')).toBeUndefined();
    expect(platformDefaultStore('darwin', () => true)).toBe('osxkeychain');
    expect(platformDefaultStore('win32', (p) => p === 'docker-credential-wincred')).toBe('wincred');
    expect(platformDefaultStore('darwin', () => false)).toBeUndefined();
    expect(platformDefaultStore('linux', () => true)).toBeUndefined();
  });
});
