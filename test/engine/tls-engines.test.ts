// Engines over TLS, found the ways the Docker CLI finds them: a real dockerd
// in a network namespace listening with --tlsverify on tcp://ADDR:2376, with
// certificates this suite makes with openssl (test/helpers/tls-certs.ts),
// reached through discovery from DOCKER_HOST + DOCKER_TLS_VERIFY +
// DOCKER_CERT_PATH and from a TLS Docker context the CLI itself created. The
// list through the app's services equals the CLI's. Faults, each refused with
// words that say what to do: a CA that did not sign the engine's certificate,
// an expired client certificate, a client certificate from another CA, plain
// HTTP to the TLS port, and (the engine restarted with it) an expired server
// certificate, through discovery and through the engine connection's calls.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { discoverEngines, type FoundEngine } from '../../electron/engine/discovery.ts';
import { reachTlsEngine } from '../../electron/engine/tls-reach.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { SettingsFile } from '../../electron/services/settings.ts';
import { FOLLOW_MS } from '../helpers/deadlines.ts';
import type { EngineNode } from '../helpers/netns-nodes.ts';
import { refusalOf } from '../helpers/refusal.ts';
import { certFolder, makeCa, type TestCa } from '../helpers/tls-certs.ts';
import { startTlsNode, type TlsNode } from '../helpers/tls-node.ts';

const run = promisify(execFile);
const EXPIRED = {
  notBefore: new Date('2025-01-01T00:00:00Z'),
  notAfter: new Date('2025-01-02T00:00:00Z'),
};

let scratch: string;
let tls: TlsNode;
let node: EngineNode;
let good: TestCa;
/** DOCKER_CERT_PATH-style folders. */
const folders: Record<'good' | 'untrusted' | 'expiredClient' | 'foreignClient', string> = {
  good: '',
  untrusted: '',
  expiredClient: '',
  foreignClient: '',
};
/** A DOCKER_CONFIG holding the context `secure`, made by the CLI. */
let dockerConfig: string;
let services: AppServices | undefined;

const tlsUrl = () => tls.url;

/** Discovery over this suite's environment only: no well-known sockets, the scratch HOME. */
function discover(env: Record<string, string>): Promise<FoundEngine[]> {
  return discoverEngines({
    env: { DOCKER_CONFIG: join(scratch, 'no-config'), ...env },
    homeDir: scratch,
    platform: 'linux',
    wellKnownSockets: [],
    timeoutMs: 15_000,
  });
}

async function servicesFor(env: Record<string, string>): Promise<AppServices> {
  const settingsDir = await mkdtemp(join(scratch, 'settings-'));
  services = createAppServices({
    mode: 'auto',
    discover: () => discover(env),
    managed: null,
    noEngineAdvice: 'Install docker.io.',
    settings: new SettingsFile(settingsDir),
  });
  await services.manager.init();
  return services;
}

const listed = () =>
  services!.manager
    .snapshot()
    .items.map((c) => c.name)
    .sort();

async function cli(env: Record<string, string>, ...args: string[]): Promise<string[]> {
  const { stdout } = await run('docker', args, { env: { ...process.env, ...env } });
  return stdout.trim().split('\n').sort();
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'berth-tls-engines-'));
  tls = await startTlsNode(scratch);
  node = tls.node;
  good = tls.ca;
  const rogue = await makeCa(join(scratch, 'pki'), 'rogue');
  const client = await good.issue({ name: 'client2', usage: 'client' });
  folders.good = tls.clientDir;
  folders.untrusted = await certFolder(join(scratch, 'certs-untrusted'), rogue.caFile, client);
  folders.expiredClient = await certFolder(
    join(scratch, 'certs-expired-client'),
    good.caFile,
    await good.issue({ name: 'old-client', usage: 'client', ...EXPIRED }),
  );
  folders.foreignClient = await certFolder(
    join(scratch, 'certs-foreign-client'),
    good.caFile,
    await rogue.issue({ name: 'foreign-client', usage: 'client' }),
  );

  dockerConfig = join(scratch, 'docker-config');
  await mkdir(dockerConfig);
  const f = folders.good;
  await cli(
    { DOCKER_CONFIG: dockerConfig },
    ...['context', 'create', 'secure', '--description', 'TLS engine in a namespace'],
    ...['--docker', `host=${tlsUrl()},ca=${f}/ca.pem,cert=${f}/cert.pem,key=${f}/key.pem`],
  );
});

afterEach(async () => {
  await services?.dispose();
  services = undefined;
});

afterAll(async () => {
  await tls?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('engines over TLS', () => {
  it('reaches DOCKER_HOST with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, listing what the CLI lists', async () => {
    const env = { DOCKER_HOST: tlsUrl(), DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: folders.good };
    const app = await servicesFor(env);

    const [candidate] = app.manager.candidates();
    expect(candidate).toMatchObject({ id: tlsUrl(), state: 'reachable', apiVersion: '1.41' });
    // The certificates' folder never reaches the renderer.
    expect(candidate).not.toHaveProperty('certPath');
    const truth = await cli(env, 'ps', '-a', '--format', '{{.Names}}');
    expect(truth).toEqual(['over-tls']);
    await expect.poll(listed, { timeout: FOLLOW_MS }).toEqual(truth);
  });

  it('reaches a TLS context the CLI created, listing what `docker --context` lists', async () => {
    const env = { DOCKER_CONFIG: dockerConfig };
    const app = await servicesFor(env);

    expect(app.manager.candidates()).toMatchObject([
      {
        id: 'context:secure',
        label: 'Docker context secure',
        cliContext: 'secure',
        endpoint: tlsUrl(),
        state: 'reachable',
      },
    ]);
    await app.manager.use('context:secure');
    const truth = await cli(env, '--context', 'secure', 'ps', '-a', '--format', '{{.Names}}');
    expect(truth).toEqual(['over-tls']);
    await expect.poll(listed, { timeout: FOLLOW_MS }).toEqual(truth);
  });

  it('answers the Add engine check with the API version', async () => {
    await expect(reachTlsEngine(tlsUrl(), folders.good, 15_000)).resolves.toEqual({
      apiVersion: '1.41',
    });
  });

  it('refuses an engine whose certificate the given CA did not sign, naming the CA file and host', async () => {
    const [found] = await discover({
      DOCKER_HOST: tlsUrl(),
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: folders.untrusted,
    });
    const words = `The engine at ${node.address}:2376 is not trusted: its certificate (issued by "good test CA") is not signed by the CA in ${folders.untrusted}/ca.pem.`;
    expect(found).toMatchObject({ state: 'unreachable', detail: words });
    expect(found!.hint).toContain('--tlscacert');
    await expect(
      refusalOf(reachTlsEngine(tlsUrl(), folders.untrusted, 15_000)),
    ).resolves.toMatchObject({
      kind: 'unreachable',
      message: words,
    });
  });

  it('says an expired client certificate is why the engine refused it', async () => {
    const envelope = await refusalOf(reachTlsEngine(tlsUrl(), folders.expiredClient, 15_000));
    expect(envelope).toMatchObject({
      kind: 'unreachable',
      message: `The engine at ${node.address}:2376 refused Berth's client certificate: ${folders.expiredClient}/cert.pem expired on 2025-01-02.`,
    });
    expect(envelope.hint).toContain('new client certificate');
  });

  it('says the engine refused a client certificate its CA did not sign', async () => {
    const envelope = await refusalOf(reachTlsEngine(tlsUrl(), folders.foreignClient, 15_000));
    expect(envelope.message).toMatch(
      new RegExp(
        `^The engine at ${node.address.replace(/\./g, '\\.')}:2376 refused Berth's client certificate \\(${folders.foreignClient}/cert\\.pem\\): `,
      ),
    );
    expect(envelope.hint).toContain('signed by the CA the engine trusts');
  });

  it('says the TLS port wants TLS when plain HTTP reaches it', async () => {
    const [found] = await discover({ DOCKER_HOST: tlsUrl() });
    expect(found).toMatchObject({
      state: 'unreachable',
      detail: `${node.address}:2376 expects TLS, and Berth spoke plain HTTP to it.`,
      hint: expect.stringContaining('DOCKER_TLS_VERIFY=1'),
    });
  });

  it('refuses an engine whose certificate expired, in discovery and in the connection’s calls', async () => {
    const env = { DOCKER_HOST: tlsUrl(), DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: folders.good };
    const app = await servicesFor(env);
    await expect.poll(listed, { timeout: FOLLOW_MS }).toEqual(['over-tls']);

    const expired = await good.issue({
      name: 'old-engine',
      usage: 'server',
      altNames: [`IP:${node.address}`],
      ...EXPIRED,
    });
    await tls.restartWith(expired);

    const words = `The engine's certificate at ${node.address}:2376 expired on 2025-01-02, so Berth does not trust it.`;
    const [found] = await discover(env);
    expect(found).toMatchObject({ state: 'unreachable', detail: words });
    const calls = app.manager.connection().calls;
    const envelope = await refusalOf(calls.listContainers({ all: true }));
    expect(envelope).toMatchObject({
      kind: 'unreachable',
      message: `The engine's certificate at ${node.address}:2376 expired, so Berth does not trust it.`,
      hint: expect.stringContaining('Renew'),
    });
    // Callers that show only an error's message (connecting, the event stream) get the same words.
    const raw = await calls.version().then(
      () => new Error('it answered'),
      (error: Error) => error,
    );
    expect(raw.message).toMatch(
      /^The engine's certificate at \S+ expired, so Berth does not trust it\. Renew/,
    );
  });
});
