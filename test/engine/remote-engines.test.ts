// Remote engines added the way the Engine page adds them, through the app's
// dispatcher (the contract's schemas first), against real engines: a node
// with OpenSSH's sshd (key auth through an ssh-agent this suite starts, the
// user's files in a scratch HOME) as the remote, and a second node as the
// engine found on this machine. The docker CLI over `ssh://` is the truth.
// Faults: an unknown host key (trusted from its fingerprint), a login
// refused, a changed host key, the link dropped under open streams, and two
// engines holding a container of the same name.
import { execFile } from 'node:child_process';
import { access, mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineCandidate } from '../../electron/contract/engine-types.ts';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import { closeSshSessions } from '../../electron/engine/ssh/ssh-sessions.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { SettingsFile } from '../../electron/services/settings.ts';
import { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { dispatchCalls } from '../helpers/dispatch.ts';
import { ENGINE_MS, FOLLOW_MS, testTimeout } from '../helpers/deadlines.ts';
import { nodeDocker, startNodes, type NodeCluster } from '../helpers/netns-nodes.ts';
import { makeSshHome, type SshHome } from '../helpers/ssh-home.ts';
import { startSshd, type SshdNode } from '../helpers/sshd-node.ts';
import { makeCa } from '../helpers/tls-certs.ts';
import { startTlsNode, type TlsNode } from '../helpers/tls-node.ts';

interface TlsPaths {
  caCert: string;
  clientCert: string;
  clientKey: string;
}

const run = promisify(execFile);

let cluster: NodeCluster;
let sshd: SshdNode;
let user: SshHome;
let services: AppServices | undefined;
let dispatcher: Dispatcher;
let settings: SettingsFile;
/** A real dockerd with --tlsverify on its own node, and a second CA the engine does not know. */
let tlsNode: TlsNode;
let tls: TlsPaths;
let otherTls: TlsPaths;
let tlsAddress: string;
const savedEnv = { HOME: process.env.HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };

const local = () => cluster.nodes[0]!;
const remote = () => cluster.nodes[1]!;

const { call, refusal } = dispatchCalls(() => dispatcher);
const candidates = () => services!.manager.candidates();
const candidate = (id: string) => candidates().find((c) => c.id === id);
const listed = () =>
  services!.manager
    .snapshot()
    .items.map((c) => `${c.name} ${c.id.slice(0, 12)}`)
    .sort();
const cliListed = async (cli: (...a: string[]) => Promise<string>) =>
  (await cli('ps', '-a', '--format', '{{.Names}} {{.ID}}')).trim().split('\n').sort();
const savedRemotes = async () => (await settings.read()).remoteEngines.map((r) => r.id);

beforeAll(async () => {
  cluster = await startNodes({ count: 2 });
  await Promise.all(cluster.nodes.map((n) => ensureBusyboxImage(n.host)));
  sshd = await startSshd(remote());
  user = await makeSshHome(sshd);
  // The same name on both engines: each list must show its own.
  for (const node of cluster.nodes)
    await nodeDocker(node, 'create', '--name', 'twin', busyboxImage, 'sleep', '3600');
  process.env.HOME = user.home;
  process.env.SSH_AUTH_SOCK = user.agentSocket;
  settings = new SettingsFile(join(user.home, 'berth-data'));
  const found: EngineCandidate = {
    id: local().host,
    label: 'Docker on this machine',
    source: 'docker-host',
    endpoint: local().host,
    state: 'reachable',
  };
  services = createAppServices(
    {
      mode: 'auto',
      discover: async () => [found],
      managed: null,
      noEngineAdvice: 'Install docker.io.',
      settings,
    },
    { dockerConfigDir: user.env.DOCKER_CONFIG },
  );
  dispatcher = new Dispatcher(services);
  await services.manager.init();

  const scratch = await mkdtemp(join(tmpdir(), 'berth-remote-tls-'));
  tlsNode = await startTlsNode(scratch);
  tls = {
    caCert: tlsNode.ca.caFile,
    clientCert: join(tlsNode.clientDir, 'cert.pem'),
    clientKey: join(tlsNode.clientDir, 'key.pem'),
  };
  const otherCa = await makeCa(join(scratch, 'pki-other'), 'other');
  const otherClient = await otherCa.issue({ name: 'client', usage: 'client' });
  otherTls = { caCert: otherCa.caFile, clientCert: otherClient.cert, clientKey: otherClient.key };
  tlsAddress = tlsNode.url;
}, ENGINE_MS * 3);

afterAll(async () => {
  await tlsNode?.stop();
  await services?.dispose();
  closeSshSessions();
  process.env.HOME = savedEnv.HOME;
  if (savedEnv.SSH_AUTH_SOCK === undefined) delete process.env.SSH_AUTH_SOCK;
  else process.env.SSH_AUTH_SOCK = savedEnv.SSH_AUTH_SOCK;
  await user?.stop();
  await sshd?.stop();
  await cluster?.stop();
});

describe('remote engines added on the Engine page', () => {
  it(
    'asks about an unknown host key, saving nothing; once trusted, adds the engine and lists what docker -H ssh://… ps -a lists',
    async () => {
      const unknown = await refusal('engine.add', { address: sshd.url });
      const hostPub = join(remote().dir, 'ssh', 'host_key.pub');
      const [bits, fingerprint] = (await run('ssh-keygen', ['-lf', hostPub])).stdout.split(' ');
      expect(unknown).toMatchObject({
        kind: 'ssh-host-unknown',
        hostKey: { host: remote().address, port: 22, bits: Number(bits), fingerprint },
      });
      expect(await savedRemotes()).toEqual([]);
      expect(candidate(sshd.url)).toBeUndefined();

      const { host, port } = unknown.hostKey!;
      // Only the key the host offered can be trusted: a made-up fingerprint is refused.
      expect(
        await refusal('engine.trustHostKey', {
          host,
          port,
          fingerprint: `SHA256:${'A'.repeat(43)}`,
        }),
      ).toMatchObject({ kind: 'not-found' });
      await expect(call('engine.trustHostKey', { host, port, fingerprint })).resolves.toEqual({
        file: user.knownHosts,
      });
      expect(await readFile(user.knownHosts, 'utf8')).toContain(sshd.hostPublicKey.split(' ')[1]);

      const added = (await call('engine.add', {
        address: sshd.url,
        name: 'Build box',
      })) as EngineCandidate;
      expect(added).toMatchObject({
        id: sshd.url,
        label: 'Build box',
        source: 'remote',
        state: 'reachable',
        apiVersion: '1.41',
      });
      expect(await savedRemotes()).toEqual([sshd.url]);
      expect(candidates().map((c) => c.source)).toEqual(['docker-host', 'remote']);
      // Adding it again is refused, and so is an address already listed as found.
      expect(await refusal('engine.add', { address: sshd.url })).toMatchObject({
        kind: 'conflict',
      });

      await call('engine.use', sshd.url);
      const cli = await cliListed(user.cli);
      await expect.poll(listed, { timeout: FOLLOW_MS }).toEqual(cli);
      await expect
        .poll(() => candidate(sshd.url)?.latencyMs, { timeout: FOLLOW_MS })
        .toBeGreaterThan(0);
      expect(candidate(sshd.url)).toMatchObject({ connected: true, eventsConnected: true });
    },
    testTimeout(ENGINE_MS, FOLLOW_MS, FOLLOW_MS),
  );

  it('refuses addresses that are not ssh:// or tcp://, or that read as options, before any connection', async () => {
    for (const address of [
      'ssh://-oProxyCommand=touch${IFS}/tmp/x@host',
      'ssh://root@-oProxyCommand=x',
      'ssh://root@host name',
      'ssh://root@host\n-oProxyCommand=x',
      "ssh://root@host';touch /tmp/x;'",
      'ssh://root@host:99999',
      'unix:///var/run/docker.sock',
      'http://host:2375',
    ]) {
      expect(await refusal('engine.add', { address }), address).toMatchObject({
        kind: 'bad-request',
      });
    }
    // Plain TCP only with the explicit yes.
    const plain = await refusal('engine.add', { address: `tcp://${remote().address}:2375` });
    expect(plain).toMatchObject({ kind: 'bad-request' });
    expect(plain.message).toContain('plain TCP');
    expect(await savedRemotes()).toEqual([sshd.url]);
  });

  it(
    'keeps two engines with a container of the same name apart: each list shows its own, an action on one leaves the other',
    async () => {
      const twinOn = async (node: (typeof cluster.nodes)[number]) =>
        (await nodeDocker(node, 'inspect', '--format', '{{.Id}} {{.State.Status}}', 'twin'))
          .trim()
          .split(' ');
      const [remoteTwin] = await twinOn(remote());
      const [localTwin] = await twinOn(local());
      expect(remoteTwin).not.toBe(localTwin);
      await expect
        .poll(() => services!.manager.snapshot().items.find((c) => c.name === 'twin')?.id, {
          timeout: FOLLOW_MS,
        })
        .toBe(remoteTwin);

      await call('containers.start', 'twin');
      expect(await twinOn(remote())).toEqual([remoteTwin, 'running']);
      expect(await twinOn(local())).toEqual([localTwin, 'created']);

      await call('engine.use', local().host);
      await expect
        .poll(() => services!.manager.snapshot().items.find((c) => c.name === 'twin'), {
          timeout: FOLLOW_MS,
        })
        .toMatchObject({ id: localTwin, state: 'created' });
      await call('engine.use', sshd.url);
      // The remote engine stayed connected: its list is there at once, as it was.
      expect(services!.manager.snapshot().items.find((c) => c.name === 'twin')).toMatchObject({
        id: remoteTwin,
        state: 'running',
      });
    },
    testTimeout(FOLLOW_MS, FOLLOW_MS),
  );

  it(
    'ends a stream with a clear error when the link drops, says disconnected, and heals when the host is back',
    async () => {
      const loop = 'while true; do echo tick; sleep 0.2; done';
      await nodeDocker(remote(), 'run', '-d', '--name', 'talker', busyboxImage, 'sh', '-c', loop);
      let text = '';
      let ended: { error?: ErrorEnvelope } | undefined;
      const stream = dispatcher.openStream(
        'containers.logs',
        [{ id: 'talker', follow: true, tail: 1 }],
        {
          data: (bytes) => (text += Buffer.from(bytes).toString('utf8')),
          end: (error) => (ended = error ? { error } : {}),
        },
      );
      try {
        await expect.poll(() => text.includes('tick'), { timeout: FOLLOW_MS }).toBe(true);
        const started = Date.now();
        await sshd.stop();
        await expect.poll(() => ended, { timeout: FOLLOW_MS }).toBeDefined();
        expect(ended!.error).toMatchObject({ kind: 'unreachable' });
        expect(ended!.error!.message).toMatch(/not answering|dropped/);
        await expect
          .poll(() => candidate(sshd.url)?.eventsConnected, { timeout: FOLLOW_MS })
          .toBe(false);
        expect(services!.manager.status().eventsConnected).toBe(false);
        // Calls have deadlines: the list answers from the mirror at once, without the link.
        expect(services!.manager.snapshot().items.length).toBeGreaterThan(0);
        expect(Date.now() - started).toBeLessThan(FOLLOW_MS * 2);
        // A dead link holds no switch up: away and back, each far sooner than any SSH timeout.
        for (const id of [local().host, sshd.url]) {
          const switched = Date.now();
          await call('engine.use', id);
          expect(Date.now() - switched, id).toBeLessThan(FOLLOW_MS / 3);
        }
        expect(candidate(sshd.url)).toMatchObject({ connected: true, eventsConnected: false });

        await nodeDocker(remote(), 'create', '--name', 'while-away', busyboxImage, 'true');
        await sshd.restart();
        await expect
          .poll(() => services!.manager.snapshot().items.some((c) => c.name === 'while-away'), {
            timeout: FOLLOW_MS,
          })
          .toBe(true);
        expect(candidate(sshd.url)).toMatchObject({ connected: true, eventsConnected: true });
        await expect.poll(listed, { timeout: FOLLOW_MS }).toEqual(await cliListed(user.cli));
      } finally {
        stream.cancel();
      }
    },
    testTimeout(FOLLOW_MS, FOLLOW_MS, FOLLOW_MS, FOLLOW_MS, ENGINE_MS),
  );

  it('refuses a login the host does not accept, naming what was tried, and saves nothing', async () => {
    await user.removeKeys();
    try {
      // The same host under another address: a new SSH session, the host key already known.
      const refused = await refusal('engine.add', { address: `${sshd.url}:22` });
      expect(refused.kind).toBe('ssh-auth-refused');
      expect(refused.message).toContain(`root@${remote().address}`);
      expect(refused.engineMessage).toBe('Permission denied (publickey).');
      expect(refused.hint).toMatch(/ssh-add|ssh-copy-id/);
    } finally {
      await user.addKey();
    }
    expect(await savedRemotes()).toEqual([sshd.url]);
  });

  it(
    'refuses a changed host key loudly, with the known_hosts file and line, and offers no trust',
    async () => {
      await sshd.restart({ newHostKey: true });
      const changed = await refusal('engine.add', {
        address: `${sshd.url}:22/var/run/docker.sock`,
      });
      expect(changed).toMatchObject({
        kind: 'ssh-host-changed',
        hostKey: { knownHostsFile: user.knownHosts, line: 1 },
      });
      expect(changed.message).toContain('CHANGED');
      expect(changed.message).toMatch(/intercepting/);
      expect(
        await refusal('engine.trustHostKey', {
          host: changed.hostKey!.host,
          port: 22,
          fingerprint: changed.hostKey!.fingerprint,
        }),
      ).toMatchObject({ kind: 'not-found' });
      expect(await savedRemotes()).toEqual([sshd.url]);
      await expect(user.cli('ps')).rejects.toThrow(/REMOTE HOST IDENTIFICATION HAS CHANGED/);
    },
    testTimeout(ENGINE_MS),
  );

  it(
    'adds a TLS engine from certificate files, writing a Docker context the CLI reaches it by; refuses one the CA does not vouch for',
    async () => {
      const engineDir = join(user.home, 'berth-data', 'remote-engines');
      const untrusted = await refusal('engine.add', {
        address: tlsAddress,
        tls: { ca: otherTls.caCert, cert: tls.clientCert, key: tls.clientKey },
      });
      expect(untrusted.kind).toBe('unreachable');
      const where = tlsAddress.replace('tcp://', '');
      // The dialog's fields are named, not the copies being checked (gone by now).
      expect(untrusted.message).toBe(
        `The engine at ${where} is not trusted: its certificate (issued by "good test CA") is not signed by the CA in the "CA certificate" you gave.`,
      );
      // A client certificate the engine's CA did not sign: the engine refuses it.
      const stranger = await refusal('engine.add', {
        address: tlsAddress,
        tls: { ca: tls.caCert, cert: otherTls.clientCert, key: otherTls.clientKey },
      });
      expect(stranger.kind).toBe('unreachable');
      expect(stranger.message).toContain(
        `The engine at ${where} refused Berth's client certificate (the "Client certificate" you gave)`,
      );
      expect(await savedRemotes()).toEqual([sshd.url]);
      expect(await readdir(engineDir).catch(() => [])).toEqual([]);
      // A key that is not the certificate's: named by its field, before any connection.
      const mismatched = await refusal('engine.add', {
        address: tlsAddress,
        tls: { ca: tls.caCert, cert: tls.clientCert, key: otherTls.clientKey },
      });
      expect(mismatched.message).toMatch(/Client (key|certificate)/);

      const added = (await call('engine.add', {
        address: tlsAddress,
        tls: {
          ca: tls.caCert,
          cert: await readFile(tls.clientCert, 'utf8'),
          key: tls.clientKey,
        },
      })) as EngineCandidate;
      expect(added).toMatchObject({ source: 'remote', state: 'reachable' });
      expect(added.cliContext).toMatch(/^berth-/);
      const [folder] = await readdir(engineDir);
      expect((await readdir(join(engineDir, folder!))).sort()).toEqual([
        'ca.pem',
        'cert.pem',
        'key.pem',
      ]);
      // The line the Engine page shows, run by the user's own CLI: the TLS node's engine.
      const { stdout } = await run(
        'docker',
        ['--context', added.cliContext!, 'ps', '-a', '--format', '{{.Names}}'],
        { env: { ...process.env, DOCKER_CONFIG: user.env.DOCKER_CONFIG } },
      );
      expect(stdout.trim().split('\n')).toEqual([tlsNode.containerName]);

      await call('engine.remove', tlsAddress);
      expect(await readdir(engineDir)).toEqual([]);
      await expect(
        run('docker', ['context', 'inspect', added.cliContext!], {
          env: { ...process.env, DOCKER_CONFIG: user.env.DOCKER_CONFIG },
        }),
      ).rejects.toThrow();
      await expect(access(join(engineDir, folder!))).rejects.toThrow();
    },
    testTimeout(FOLLOW_MS),
  );

  it('removes an added engine (never the one shown, never a found one)', async () => {
    expect(await refusal('engine.remove', sshd.url)).toMatchObject({ kind: 'bad-request' });
    expect(await refusal('engine.remove', local().host)).toMatchObject({ kind: 'not-found' });
    await call('engine.use', local().host);
    await call('engine.remove', sshd.url);
    expect(candidate(sshd.url)).toBeUndefined();
    expect(await savedRemotes()).toEqual([]);
    // The engine itself is untouched.
    expect(await nodeDocker(remote(), 'ps', '-a', '--format', '{{.Names}}')).toContain('twin');
  });
});
