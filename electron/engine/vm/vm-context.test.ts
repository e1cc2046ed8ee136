import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { contextMetaDir, readDockerContext, writeDockerContext } from '../docker-context.ts';
import { makeTempDir } from '../fake-engine.testkit.ts';
import {
  makeTlsMaterial,
  startTlsEngine,
  type TlsEngine,
  type TlsMaterialFiles,
} from '../tls-engine.testkit.ts';
import { removeVmContext, vmContextHost, vmContextName, writeVmContext } from './vm-context.ts';

const execFileAsync = promisify(execFile);
// The user's CLI as this machine's PATH finds it first: the 28.x client in /usr/local/bin.
const DOCKER_CLI = '/usr/local/bin/docker';
// In CI a missing CLI fails the tests that run it; elsewhere they are skipped, saying why.
const skipCli = !existsSync(DOCKER_CLI) && !process.env.CI;
if (skipCli) console.warn(`No Docker CLI at ${DOCKER_CLI}: skipping the tests that run it.`);

let root: string;
let cleanup: () => Promise<void>;
let material: TlsMaterialFiles;
let engine: TlsEngine;
let configDir: string;

beforeAll(async () => {
  ({ dir: root, cleanup } = await makeTempDir('berth-vmctx-'));
  await mkdir(path.join(root, 'certs'));
  material = await makeTlsMaterial(path.join(root, 'certs'));
  engine = await startTlsEngine(material);
}, 60_000);

afterAll(async () => {
  await engine.close();
  await cleanup();
});

let n = 0;
beforeEach(async () => {
  configDir = path.join(root, `config-${n++}`);
  await mkdir(configDir);
});

function tlsDir(name: string): string {
  return path.join(
    configDir,
    'contexts',
    'tls',
    path.basename(contextMetaDir(configDir, name)),
    'docker',
  );
}

async function docker(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: configDir };
  delete env.DOCKER_HOST;
  delete env.DOCKER_CONTEXT;
  delete env.DOCKER_TLS_VERIFY;
  delete env.DOCKER_CERT_PATH;
  return execFileAsync(DOCKER_CLI, args, { env, timeout: 30_000 });
}

const write = (apiPort: number, name = 'berth-vm') =>
  writeVmContext({
    configDir,
    name,
    apiPort,
    certPath: material.clientDir,
    dataDir: '/data/berth',
  });

describe('the berth-vm Docker context', () => {
  it('is named berth-vm for the default data folder, and per folder otherwise', () => {
    expect(vmContextName('/home/me/.local/share/berth', true)).toBe('berth-vm');
    expect(vmContextName('/tmp/a', false)).toMatch(/^berth-vm-[0-9a-f]{6}$/);
    expect(vmContextName('/tmp/a', false)).not.toBe(vmContextName('/tmp/b', false));
  });

  it('stores the client certificates where the CLI reads them, the key private, TLS verified', async () => {
    await write(engine.port);

    const ctx = await readDockerContext(configDir, 'berth-vm');
    expect(ctx).toMatchObject({
      host: `tcp://127.0.0.1:${engine.port}`,
      skipTLSVerify: false,
      tls: true,
    });
    expect(await readFile(path.join(tlsDir('berth-vm'), 'ca.pem'), 'utf8')).toBe(material.ca);
    expect(await readFile(path.join(tlsDir('berth-vm'), 'cert.pem'), 'utf8')).toBe(material.cert);
    expect(await readFile(path.join(tlsDir('berth-vm'), 'key.pem'), 'utf8')).toBe(material.key);
    expect((await stat(path.join(tlsDir('berth-vm'), 'key.pem'))).mode & 0o777).toBe(0o600);
    expect((await stat(tlsDir('berth-vm'))).mode & 0o777).toBe(0o700);
  });

  it.skipIf(skipCli)(
    `lets the real CLI (${DOCKER_CLI}) reach the engine over TLS with the client certificate`,
    async () => {
      await write(engine.port);
      const before = engine.requests.length;

      const { stdout } = await docker('--context', 'berth-vm', 'ps', '--format', '{{.Names}}');

      expect(stdout.trim()).toBe('through-tls');
      expect(engine.requests.slice(before)).toContainEqual({
        url: expect.stringMatching(/\/containers\/json/),
        client: 'client',
      });
    },
  );

  it.skipIf(skipCli)('is rewritten when the API port changes, and the CLI follows', async () => {
    await write(1);
    await write(engine.port);

    expect((await readDockerContext(configDir, 'berth-vm'))?.host).toBe(
      `tcp://127.0.0.1:${engine.port}`,
    );
    const { stdout } = await docker('--context', 'berth-vm', 'ps', '--format', '{{.Names}}');
    expect(stdout.trim()).toBe('through-tls');
  });

  it.skipIf(skipCli)(
    'is removed with its certificates, and the CLI then no longer knows it',
    async () => {
      await write(engine.port);

      expect(await removeVmContext({ configDir, name: 'berth-vm' })).toBe(true);

      expect(await readDockerContext(configDir, 'berth-vm')).toBeNull();
      await expect(stat(tlsDir('berth-vm'))).rejects.toThrow('ENOENT');
      await expect(docker('--context', 'berth-vm', 'ps')).rejects.toThrow(/context "berth-vm"/);
    },
  );

  it('refuses a port that is not one, and a certificate folder it cannot read, naming it', async () => {
    for (const port of [0, -1, 65_536, 1.5, Number.NaN]) {
      await expect(write(port)).rejects.toThrow('is not a port number');
    }
    expect(() => vmContextHost(8)).not.toThrow();
    await expect(
      writeVmContext({
        configDir,
        name: 'berth-vm',
        apiPort: 2376,
        certPath: path.join(root, 'nope'),
        dataDir: '/d',
      }),
    ).rejects.toThrow(`The VM's client certificates in ${path.join(root, 'nope')} cannot be read`);
    expect(await readDockerContext(configDir, 'berth-vm')).toBeNull();
  });
});

describe('writeDockerContext with TLS material', () => {
  it('refuses material that is not PEM, before writing anything', async () => {
    await expect(
      writeDockerContext({
        configDir,
        name: 'berth-vm',
        host: 'tcp://127.0.0.1:2376',
        description: '',
        tls: { ca: material.ca, cert: 'not a certificate', key: material.key },
      }),
    ).rejects.toThrow('the TLS cert is not in PEM form');
    expect(await readDockerContext(configDir, 'berth-vm')).toBeNull();
  });

  it('leaves TLS material stored before alone when written without any', async () => {
    await write(engine.port);
    await writeDockerContext({
      configDir,
      name: 'berth-vm',
      host: 'tcp://127.0.0.1:1',
      description: '',
    });

    expect(await readFile(path.join(tlsDir('berth-vm'), 'ca.pem'), 'utf8')).toBe(material.ca);
  });

  it.skipIf(skipCli)(
    'without the client certificate, the engine refuses the CLI (what the context is for)',
    async () => {
      await writeDockerContext({
        configDir,
        name: 'no-cert',
        host: `tcp://127.0.0.1:${engine.port}`,
        description: '',
      });
      const caOnly = tlsDir('no-cert');
      await mkdir(caOnly, { recursive: true });
      await writeFile(path.join(caOnly, 'ca.pem'), material.ca);

      await expect(docker('--context', 'no-cert', 'ps')).rejects.toThrow();
    },
  );
});
