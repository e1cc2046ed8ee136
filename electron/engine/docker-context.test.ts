import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  contextMetaDir,
  currentContext,
  dockerConfigDir,
  listDockerContexts,
  readDockerContext,
  removeDockerContext,
  writeDockerContext,
} from './docker-context.ts';
import { storeContext as storeKnownContext } from './docker-context.testkit.ts';
import { makeTempDir, startFakeEngine } from './fake-engine.testkit.ts';

const execFileAsync = promisify(execFile);

/** The first `docker` on PATH: the CLI the user's own shell runs. */
async function dockerOnPath(): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, 'docker');
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this folder
    }
  }
  return null;
}

// On Debian with docker.io installed, /usr/bin/docker is its 20.10 CLI, which may sit
// behind a newer one earlier on PATH (such as a 28.x in /usr/local/bin): the titles of
// the tests that run it name the one they ran.
const DOCKER_CLI = await dockerOnPath();
const noCli =
  `No docker CLI on PATH (${process.env.PATH ?? ''}): these tests compare Berth's contexts ` +
  'with the real CLI. Install it (apt-get install docker.io) or put it on PATH.';
// In CI a missing CLI fails these tests with that message; elsewhere they are skipped, saying why.
const skipCli = !DOCKER_CLI && !process.env.CI;
const cli = DOCKER_CLI ?? 'none on PATH';
if (skipCli) console.warn(`${noCli} Skipping the two tests that run it.`);

let configDir: string;
let cleanup: () => Promise<void>;

beforeEach(async () => {
  ({ dir: configDir, cleanup } = await makeTempDir('berth-ctx-'));
});

afterEach(async () => {
  await cleanup();
});

/** A context written by hand in the CLI's own format, independent of writeDockerContext. */
function storeContext(name: string, host: string, description = ''): Promise<void> {
  return storeKnownContext(configDir, name, { Host: host }, { description });
}

async function writeConfig(config: object): Promise<void> {
  await writeFile(path.join(configDir, 'config.json'), JSON.stringify(config, null, '\t'));
}

/** The real CLI, pointed at the temp config folder and nothing from this shell. */
async function docker(...args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_CONFIG: configDir };
  delete env.DOCKER_HOST;
  delete env.DOCKER_CONTEXT;
  delete env.DOCKER_TLS_VERIFY;
  if (!DOCKER_CLI) throw new Error(noCli);
  const { stdout } = await execFileAsync(DOCKER_CLI, args, { env, timeout: 30_000 });
  return stdout;
}

describe('dockerConfigDir', () => {
  it('is DOCKER_CONFIG when set, else ~/.docker', () => {
    expect(dockerConfigDir({ env: { DOCKER_CONFIG: '/etc/dc' }, homeDir: '/home/me' })).toBe(
      '/etc/dc',
    );
    expect(dockerConfigDir({ env: {}, homeDir: '/home/me' })).toBe('/home/me/.docker');
  });
});

describe('currentContext', () => {
  it("reads config.json's currentContext", async () => {
    await writeConfig({ auths: {}, currentContext: 'colima' });

    expect(await currentContext(configDir, {})).toEqual({ name: 'colima', from: 'config.json' });
  });

  it('lets DOCKER_CONTEXT override config.json', async () => {
    await writeConfig({ currentContext: 'colima' });

    expect(await currentContext(configDir, { DOCKER_CONTEXT: 'orbstack' })).toEqual({
      name: 'orbstack',
      from: 'DOCKER_CONTEXT',
    });
  });

  it('treats "default", an empty value and a missing config.json as no context', async () => {
    expect(await currentContext(configDir, {})).toBeNull();
    await writeConfig({ currentContext: 'default' });
    expect(await currentContext(configDir, {})).toBeNull();
    await writeConfig({ currentContext: 'colima' });
    expect(await currentContext(configDir, { DOCKER_CONTEXT: 'default' })).toBeNull();
    expect(await currentContext(configDir, { DOCKER_CONTEXT: '' })).toEqual({
      name: 'colima',
      from: 'config.json',
    });
  });

  it('refuses a config.json that is not JSON, naming the file', async () => {
    await writeFile(path.join(configDir, 'config.json'), '{ "currentContext": ');

    await expect(currentContext(configDir, {})).rejects.toThrow(
      `${path.join(configDir, 'config.json')} is not valid JSON`,
    );
  });
});

describe('readDockerContext and listDockerContexts', () => {
  it('reads a context stored in the CLI format', async () => {
    await storeContext('colima', 'unix:///Users/me/.colima/default/docker.sock', 'colima');

    expect(await readDockerContext(configDir, 'colima')).toEqual({
      name: 'colima',
      description: 'colima',
      host: 'unix:///Users/me/.colima/default/docker.sock',
      skipTLSVerify: false,
      tls: false,
      metaPath: path.join(contextMetaDir(configDir, 'colima'), 'meta.json'),
    });
    expect(await readDockerContext(configDir, 'nope')).toBeNull();
  });

  it('notices TLS certificates stored with a context', async () => {
    await storeContext('remote', 'tcp://build.example:2376');
    const tlsDir = path.join(
      configDir,
      'contexts',
      'tls',
      path.basename(contextMetaDir(configDir, 'remote')),
      'docker',
    );
    await mkdir(tlsDir, { recursive: true });
    await writeFile(path.join(tlsDir, 'ca.pem'), 'not really a certificate');

    expect(await readDockerContext(configDir, 'remote')).toMatchObject({ tls: true });
  });

  it('lists every context by name and reports a broken one without hiding the rest', async () => {
    await storeContext('zeta', 'unix:///z.sock');
    await storeContext('alpha', 'tcp://a:2375');
    const broken = path.join(configDir, 'contexts', 'meta', 'f'.repeat(64));
    await mkdir(broken, { recursive: true });
    await writeFile(path.join(broken, 'meta.json'), 'not json');

    const listing = await listDockerContexts(configDir);

    expect(listing.contexts.map((c) => [c.name, c.host])).toEqual([
      ['alpha', 'tcp://a:2375'],
      ['zeta', 'unix:///z.sock'],
    ]);
    expect(listing.unreadable).toEqual([
      { path: path.join(broken, 'meta.json'), message: expect.stringContaining('not valid JSON') },
    ]);
  });

  it('lists nothing when the config folder has no contexts', async () => {
    expect(await listDockerContexts(path.join(configDir, 'absent'))).toEqual({
      contexts: [],
      unreadable: [],
    });
  });
});

describe('writeDockerContext', () => {
  const berth = { name: 'berth', host: 'unix:///tmp/berth/docker.sock', description: 'Berth' };

  it('writes a context the reader gets back, without touching config.json', async () => {
    const config = '{\n\t"auths": {},\n\t"currentContext": "colima"\n}';
    await writeFile(path.join(configDir, 'config.json'), config);

    const written = await writeDockerContext({ configDir, ...berth });

    expect(await readDockerContext(configDir, 'berth')).toEqual(written);
    expect(written).toMatchObject({ name: 'berth', host: berth.host, description: 'Berth' });
    expect(await readFile(path.join(configDir, 'config.json'), 'utf8')).toBe(config);
  });

  it('updates the host and keeps what another tool stored in the context', async () => {
    const dir = contextMetaDir(configDir, 'berth');
    await mkdir(dir, { recursive: true });
    await writeFile(
      path.join(dir, 'meta.json'),
      JSON.stringify({
        Name: 'berth',
        Metadata: { Description: 'old', Owner: 'someone' },
        Endpoints: {
          docker: { Host: 'unix:///old.sock', SkipTLSVerify: false },
          kubernetes: { Namespace: 'x' },
        },
      }),
    );

    await writeDockerContext({ configDir, ...berth });

    expect(JSON.parse(await readFile(path.join(dir, 'meta.json'), 'utf8'))).toEqual({
      Name: 'berth',
      Metadata: { Description: 'Berth', Owner: 'someone' },
      Endpoints: {
        docker: { Host: berth.host, SkipTLSVerify: false },
        kubernetes: { Namespace: 'x' },
      },
    });
  });

  it('refuses "default" and names the CLI would reject', async () => {
    for (const name of ['default', 'x', '-berth', 'my berth', '../berth']) {
      await expect(writeDockerContext({ configDir, ...berth, name })).rejects.toThrow(
        'not a usable Docker context name',
      );
    }
  });

  it.skipIf(skipCli)(
    `writes a context the real docker CLI (${cli}) lists, inspects and uses, and leaves default current`,
    async () => {
      const engine = await startFakeEngine(path.join(configDir, 'engine.sock'));
      try {
        await writeDockerContext({ configDir, ...berth, host: engine.endpoint });

        const listed = (
          await docker('context', 'ls', '--format', '{{.Name}} {{.Current}} {{.DockerEndpoint}}')
        )
          .trim()
          .split('\n');
        expect(listed).toContain(`berth false ${engine.endpoint}`);
        expect(listed).toContain('default true unix:///var/run/docker.sock');

        const inspected = JSON.parse(await docker('context', 'inspect', 'berth')) as [
          {
            Name: string;
            Metadata: { Description: string };
            Endpoints: { docker: { Host: string } };
          },
        ];
        expect(inspected[0]).toMatchObject({
          Name: 'berth',
          Metadata: { Description: 'Berth' },
          Endpoints: { docker: { Host: engine.endpoint } },
        });

        // The point of the context: the user's own CLI reaches Berth's engine through it.
        const ps = await docker('--context', 'berth', 'ps');
        expect(ps).toContain('CONTAINER ID');
        expect(engine.requests.some((r) => /^\/v[\d.]+\/containers\/json/.test(r))).toBe(true);
      } finally {
        await engine.close();
      }
    },
  );

  it.skipIf(skipCli)(`reads a context that the real docker CLI (${cli}) created`, async () => {
    await docker(
      'context',
      'create',
      'from-cli',
      '--description',
      'made by docker',
      '--docker',
      'host=tcp://10.1.2.3:2375',
    );

    expect(await readDockerContext(configDir, 'from-cli')).toMatchObject({
      name: 'from-cli',
      description: 'made by docker',
      host: 'tcp://10.1.2.3:2375',
      tls: false,
    });
  });
});

describe('removeDockerContext', () => {
  it('removes the context and says whether there was one', async () => {
    await writeDockerContext({ configDir, name: 'berth', host: 'unix:///x.sock', description: '' });

    expect(await removeDockerContext({ configDir, name: 'berth' })).toBe(true);
    expect(await readDockerContext(configDir, 'berth')).toBeNull();
    expect(await removeDockerContext({ configDir, name: 'berth' })).toBe(false);
  });

  it("refuses to remove the user's current context", async () => {
    await writeDockerContext({ configDir, name: 'berth', host: 'unix:///x.sock', description: '' });
    await writeConfig({ currentContext: 'berth' });

    await expect(removeDockerContext({ configDir, name: 'berth' })).rejects.toThrow(
      'docker context use default',
    );
    expect(await readDockerContext(configDir, 'berth')).not.toBeNull();
  });
});
