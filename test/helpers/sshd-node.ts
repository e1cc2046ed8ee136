// An SSH server on a test node (netns-nodes.ts), as a remote engine's host
// would run one: OpenSSH's sshd in the node's network namespace on port 22,
// keys only, its own host key, and DOCKER_HOST set for sessions so that
// `docker system dial-stdio` (what the docker CLI runs over `ssh://`) reaches
// that node's engine. A client key pair is made for the test, and a
// known_hosts line for the host key, for tests that want the host trusted.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect } from 'node:net';
import { promisify } from 'node:util';
import { ENGINE_MS } from './deadlines.ts';
import type { EngineNode } from './netns-nodes.ts';

const execFileAsync = promisify(execFile);

export interface SshdNode {
  /** `ssh://root@ADDRESS` (port 22). */
  url: string;
  /** The client's private key file (ed25519, no passphrase) and its public half. */
  clientKey: string;
  clientPublicKey: string;
  /** The host key's public half, and a known_hosts line naming the node's address. */
  hostPublicKey: string;
  knownHostsLine: string;
  /** A second host key, for "the host key changed" tests: `restart({ newHostKey: true })`. */
  restart(opts?: { newHostKey?: boolean }): Promise<void>;
  stop(): Promise<void>;
}

async function keygen(file: string): Promise<string> {
  await rm(file, { force: true });
  await rm(`${file}.pub`, { force: true });
  await execFileAsync('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    'berth-test',
    '-f',
    file,
  ]);
  return (await readFile(`${file}.pub`, 'utf8')).trim();
}

/** Starts sshd on `node`; the node's engine answers `docker system dial-stdio` over it. */
export async function startSshd(node: EngineNode): Promise<SshdNode> {
  const dir = join(node.dir, 'ssh');
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const clientKey = join(dir, 'client_key');
  const clientPublicKey = await keygen(clientKey);
  const hostKey = join(dir, 'host_key');
  let hostPublicKey = await keygen(hostKey);
  const authorized = join(dir, 'authorized_keys');
  await writeFile(authorized, `${clientPublicKey}\n`, { mode: 0o600 });
  const config = join(dir, 'sshd_config');
  await writeFile(
    config,
    [
      `ListenAddress ${node.address}:22`,
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${authorized}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // The temp folder's owners and modes are the test's, not a home's.
      'StrictModes no',
      'AllowStreamLocalForwarding yes',
      'AllowTcpForwarding yes',
      `SetEnv DOCKER_HOST=${node.host}`,
      '',
    ].join('\n'),
  );
  await mkdir('/run/sshd', { recursive: true });

  let child: ChildProcess | null = null;
  const log = join(dir, 'sshd.log');
  const launch = async () => {
    child = spawn(
      'nsenter',
      [`--net=/run/netns/${node.netns}`, '/usr/sbin/sshd', '-D', '-e', '-f', config, '-E', log],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + ENGINE_MS;
    while (!(await listening(node.address, 22))) {
      if (Date.now() > deadline || child.exitCode !== null)
        throw new Error(
          `sshd on ${node.name} did not listen: ${await readFile(log, 'utf8').catch(() => '')}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  // The listener's exit leaves each connection's own sshd running: end those
  // too (by pid), so a stop drops every client's link as a host going away would.
  const halt = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const sessions = await childPids(running.pid!);
    const gone = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGTERM');
    await gone;
    for (const pid of sessions) await endProcess(pid);
  };
  await launch();
  return {
    url: `ssh://root@${node.address}`,
    clientKey,
    clientPublicKey,
    get hostPublicKey() {
      return hostPublicKey;
    },
    get knownHostsLine() {
      return `${node.address} ${hostPublicKey.split(' ').slice(0, 2).join(' ')}`;
    },
    async restart(opts = {}) {
      await halt();
      if (opts.newHostKey) hostPublicKey = await keygen(hostKey);
      await launch();
    },
    stop: halt,
  };
}

async function childPids(pid: number): Promise<number[]> {
  const text = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  return text.split(/\s+/).filter(Boolean).map(Number);
}

/** SIGTERM, then SIGKILL if it is still there after a few seconds. */
async function endProcess(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 5_000;
  while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  if (alive()) process.kill(pid, 'SIGKILL');
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
