// A remote engine over ssh://, through the app's own services: a node (its
// own dockerd in a network namespace) with OpenSSH's sshd, reached with key
// auth through an ssh-agent this suite starts, the user's files in a scratch
// HOME. The docker CLI's `docker -H ssh://…` is the truth for the list; its
// OpenSSH client reads the passwd entry's home, not HOME, so an `ssh` first on
// its PATH hands it the scratch known_hosts (and the same agent). Faults: an unknown host key (its
// fingerprint as `ssh-keygen -lf` prints it, then trusted), a key not
// authorised, an engine socket that does not answer, the link dropped under
// the event stream, and a changed host key.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContractError, type ErrorEnvelope } from '../../electron/contract/errors.ts';
import { knownHostsLine } from '../../electron/engine/ssh/known-hosts.ts';
import { connectable } from '../../electron/engine/endpoint-request.ts';
import {
  closeSshSessions,
  reachSshEngine,
  trustHostKey,
} from '../../electron/engine/ssh/ssh-sessions.ts';
import { parseSshUrl, type SshAddress } from '../../electron/engine/ssh/ssh-url.ts';
import { createAppServices, type AppServices } from '../../electron/services/app-services.ts';
import { endpointClient } from '../../electron/services/engine-client.ts';
import { engineGet } from '../../electron/services/images/layers/engine-get.ts';
import { SettingsFile } from '../../electron/services/settings.ts';
import { busyboxImage, ensureBusyboxImage } from '../helpers/busybox-image.ts';
import { ENGINE_MS, FOLLOW_MS } from '../helpers/deadlines.ts';
import { nodeDocker, startNodes, type NodeCluster } from '../helpers/netns-nodes.ts';
import { startSshd, type SshdNode } from '../helpers/sshd-node.ts';

const run = promisify(execFile);

let cluster: NodeCluster;
let sshd: SshdNode;
let agent: ChildProcess | undefined;
let home: string;
let agentSocket: string;
let services: AppServices | undefined;
const savedEnv = { HOME: process.env.HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };

const sshDir = () => join(home, '.ssh');
const knownHosts = () => join(sshDir(), 'known_hosts');
/** The envelope a promise rejected with. */
async function refusal(promise: Promise<unknown>): Promise<ErrorEnvelope> {
  const error = await promise.then(
    () => new Error('it succeeded'),
    (e: unknown) => e,
  );
  if (!(error instanceof ContractError)) throw error;
  return error.envelope;
}

/** The docker CLI over ssh, with the suite's known_hosts (through bin/ssh) and agent. */
async function cliOverSsh(...args: string[]): Promise<string> {
  const { stdout } = await run('docker', ['-H', sshd.url, ...args], {
    env: {
      ...process.env,
      PATH: `${join(home, 'bin')}:${process.env.PATH}`,
      SSH_AUTH_SOCK: agentSocket,
      DOCKER_CONFIG: join(home, '.docker'),
    },
  });
  return stdout;
}

const address = (): SshAddress => {
  const parsed = parseSshUrl(sshd.url);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.address;
};
const calls = () => services!.manager.connection().calls;
const listed = () =>
  services!.manager
    .snapshot()
    .items.map((c) => c.name)
    .sort();

beforeAll(async () => {
  cluster = await startNodes({ count: 1 });
  const node = cluster.nodes[0]!;
  await ensureBusyboxImage(node.host);
  sshd = await startSshd(node);
  home = await mkdtemp(join(tmpdir(), 'berth-ssh-home-'));
  await mkdir(sshDir(), { mode: 0o700 });
  await mkdir(join(home, '.docker'));
  // The user's file already hashes its names (Debian's HashKnownHosts yes): a trusted key is added hashed.
  const other = sshd.hostPublicKey.split(' ')[1]!;
  await writeFile(
    knownHosts(),
    `${knownHostsLine('elsewhere.example', Buffer.from(other, 'base64'), { hashed: true })}\n`,
  );
  // OpenSSH's client (for the CLI): the suite's known_hosts, never a prompt.
  const cliConfig = join(home, 'cli_ssh_config');
  await writeFile(
    cliConfig,
    `Host *\n  BatchMode yes\n  StrictHostKeyChecking yes\n  UserKnownHostsFile ${knownHosts()}\n`,
  );
  await mkdir(join(home, 'bin'));
  await writeFile(join(home, 'bin', 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${cliConfig} "$@"\n`, {
    mode: 0o755,
  });
  agentSocket = join(home, 'agent.sock');
  agent = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: 'ignore' });
  const deadline = Date.now() + ENGINE_MS;
  for (;;) {
    const added = await run('ssh-add', [sshd.clientKey], {
      env: { ...process.env, SSH_AUTH_SOCK: agentSocket },
    }).then(
      () => true,
      () => false,
    );
    if (added) break;
    if (Date.now() > deadline) throw new Error('ssh-agent did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await nodeDocker(node, 'create', '--name', 'quiet', busyboxImage, 'true');
  process.env.HOME = home;
  process.env.SSH_AUTH_SOCK = agentSocket;
  services = createAppServices({
    mode: sshd.url,
    discover: async () => [],
    managed: null,
    noEngineAdvice: 'Install docker.io.',
    settings: new SettingsFile(home),
  });
  await services.manager.init();
});

afterAll(async () => {
  await services?.dispose();
  closeSshSessions();
  process.env.HOME = savedEnv.HOME;
  if (savedEnv.SSH_AUTH_SOCK === undefined) delete process.env.SSH_AUTH_SOCK;
  else process.env.SSH_AUTH_SOCK = savedEnv.SSH_AUTH_SOCK;
  if (agent && agent.exitCode === null) {
    const gone = new Promise((resolve) => agent!.once('exit', resolve));
    agent.kill('SIGTERM');
    await gone;
  }
  await sshd?.stop();
  await cluster?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('a remote engine over ssh://', () => {
  it('refuses an unknown host key, naming its fingerprint as ssh-keygen -lf prints it', async () => {
    const envelope = await refusal(calls().listContainers());
    const hostPub = join(cluster.nodes[0]!.dir, 'ssh', 'host_key.pub');
    const [bits, fingerprint] = (await run('ssh-keygen', ['-lf', hostPub])).stdout.split(' ');
    expect(envelope).toMatchObject({
      kind: 'ssh-host-unknown',
      hostKey: {
        host: cluster.nodes[0]!.address,
        port: 22,
        keyType: 'ssh-ed25519',
        bits: Number(bits),
        label: 'ED25519',
        fingerprint,
      },
    });
    expect(envelope.message).toContain(fingerprint);
    expect(services!.manager.status().state).toBe('error');
  });

  it('connects once the key is trusted, listing what docker -H ssh://… ps -a lists', async () => {
    const envelope = await refusal(calls().listContainers());
    // What an "Add engine" dialog would check first: the same refusal, typed.
    await expect(refusal(reachSshEngine(address()))).resolves.toMatchObject({
      kind: 'ssh-host-unknown',
      hostKey: envelope.hostKey,
    });
    const { file } = await trustHostKey(envelope.hostKey!);
    await expect(reachSshEngine(address())).resolves.toEqual({ apiVersion: '1.41' });
    expect(file).toBe(knownHosts());
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/^\|1\|/);
    const cli = (await cliOverSsh('ps', '-a', '--format', '{{.Names}}')).trim().split('\n').sort();
    expect(cli).toEqual(['quiet']);
    await expect.poll(listed, { timeout: FOLLOW_MS }).toEqual(cli);
    expect((await calls().listContainers({ all: true })).map((c) => c.Names[0])).toEqual([
      '/quiet',
    ]);
  });

  it('follows the engine over the link: events into the list, a log followed live', async () => {
    const node = cluster.nodes[0]!;
    await expect
      .poll(() => services!.manager.status().eventsConnected, { timeout: FOLLOW_MS })
      .toBe(true);
    const id = (
      await nodeDocker(
        node,
        'run',
        '-d',
        '--name',
        'talker',
        busyboxImage,
        'sh',
        '-c',
        'i=0; while true; do i=$((i+1)); echo line-$i; sleep 0.2; done',
      )
    ).trim();
    await expect.poll(listed, { timeout: FOLLOW_MS }).toEqual(['quiet', 'talker']);
    const stream = (await services!.manager
      .connection()
      .streams.getContainer(id)
      .logs({ follow: true, stdout: true, stderr: true })) as NodeJS.ReadableStream & {
      destroy(): void;
    };
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    try {
      await expect.poll(() => /line-5\b/.test(text), { timeout: FOLLOW_MS }).toBe(true);
    } finally {
      stream.destroy();
    }
  });

  it('carries hijacked exec streams and raw readers over the link', async () => {
    const streams = services!.manager.connection().streams;
    const [talker] = await calls().listContainers({ all: true, filters: { name: ['talker'] } });
    const exec = await streams.getContainer(talker!.Id).exec({
      Cmd: ['echo', 'hello over ssh'],
      AttachStdout: true,
      AttachStderr: true,
    });
    const socket = await exec.start({ hijack: true, stdin: false });
    let said = '';
    socket.on('data', (chunk: Buffer) => (said += chunk.toString('latin1')));
    await new Promise((resolve) => socket.on('end', resolve));
    expect(said).toContain('hello over ssh');

    // The image archive through the raw reader the layer analysis uses.
    const target = connectable({ url: sshd.url });
    if (target.kind !== 'ssh') throw new Error(`not an ssh endpoint: ${target.kind}`);
    const { status, bytes } = await new Promise<{ status: number; bytes: number }>(
      (resolve, reject) => {
        let code = 0;
        let count = 0;
        engineGet(target, `/images/${encodeURIComponent(busyboxImage)}/get`, {
          status: (c) => (code = c),
          data: (chunk) => (count += chunk.length),
          end: () => resolve({ status: code, bytes: count }),
          error: reject,
        });
      },
    );
    const saved = await nodeDocker(
      cluster.nodes[0]!,
      'image',
      'inspect',
      '--format',
      '{{.Size}}',
      busyboxImage,
    );
    expect(status).toBe(200);
    expect(bytes).toBeGreaterThan(Number(saved) * 0.9);
  });

  it('opens more streams than one SSH connection allows (MaxSessions 10)', async () => {
    const streams = services!.manager.connection().streams;
    const [talker] = await calls().listContainers({ all: true, filters: { name: ['talker'] } });
    const follows = await Promise.all(
      Array.from(
        { length: 14 },
        () =>
          streams.getContainer(talker!.Id).logs({ follow: true, stdout: true, tail: 1 }) as Promise<
            NodeJS.ReadableStream & { destroy(): void }
          >,
      ),
    );
    try {
      const got = follows.map(() => false);
      follows.forEach((stream, i) => stream.on('data', () => (got[i] = true)));
      await expect.poll(() => got.every(Boolean), { timeout: FOLLOW_MS }).toBe(true);
    } finally {
      for (const stream of follows) stream.destroy();
    }
  });

  it('heals the event stream when the link drops and comes back', async () => {
    const node = cluster.nodes[0]!;
    await sshd.stop();
    await expect
      .poll(() => services!.manager.status().eventsConnected, { timeout: FOLLOW_MS })
      .toBe(false);
    await nodeDocker(node, 'create', '--name', 'while-away', busyboxImage, 'true');
    await sshd.restart();
    await expect.poll(listed, { timeout: FOLLOW_MS }).toEqual(['quiet', 'talker', 'while-away']);
    expect(services!.manager.status().eventsConnected).toBe(true);
  });

  it('names the user, host and what it tried when the login is refused', async () => {
    const otherSsh = join(home, 'other-ssh');
    await mkdir(otherSsh, { mode: 0o700 });
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(otherSsh, 'id_ed25519')]);
    await run('ssh-keygen', [
      '-q',
      '-t',
      'ecdsa',
      '-N',
      'secret',
      '-f',
      join(otherSsh, 'id_ecdsa'),
    ]);
    await writeFile(join(otherSsh, 'known_hosts'), await readFile(knownHosts()));
    const client = endpointClient(
      { url: sshd.url, ssh: { sshDir: otherSsh, agentSocket: null, globalKnownHosts: [] } },
      15_000,
    );
    const envelope = await refusal(client.calls.listContainers());
    expect(envelope.kind).toBe('ssh-auth-refused');
    expect(envelope.message).toContain(`root@${cluster.nodes[0]!.address}`);
    // `~/…` where the key is under HOME, as here.
    expect(envelope.message).toContain('other-ssh/id_ed25519');
    expect(envelope.message).toMatch(/id_ecdsa is protected by a passphrase/);
    expect(envelope.engineMessage).toBe('Permission denied (publickey).');
    expect(envelope.hint).toContain('ssh-add');
  });

  it("quotes the remote's words when dial-stdio cannot reach an engine there", async () => {
    const client = endpointClient({ url: `${sshd.url}/nowhere/docker.sock` }, 15_000);
    const envelope = await refusal(client.calls.version());
    expect(envelope.kind).toBe('unreachable');
    expect(envelope.engineMessage).toMatch(/nowhere\/docker\.sock/);
    expect(envelope.message).toContain('docker system dial-stdio');
  });

  it('refuses a changed host key loudly, naming the file and line, as OpenSSH does', async () => {
    await sshd.restart({ newHostKey: true });
    const envelope = await refusal(calls().listContainers());
    expect(envelope).toMatchObject({
      kind: 'ssh-host-changed',
      hostKey: { knownHostsFile: knownHosts(), line: 2 },
    });
    expect(envelope.message).toContain('CHANGED');
    await expect(refusal(trustHostKey(envelope.hostKey!))).resolves.toMatchObject({
      kind: 'not-found',
    });
    await expect(cliOverSsh('ps')).rejects.toThrow(/REMOTE HOST IDENTIFICATION HAS CHANGED/);
  });
});
