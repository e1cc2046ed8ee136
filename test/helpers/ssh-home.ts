// A user's side of SSH for tests of remote engines: a scratch HOME with
// ~/.ssh, an ssh-agent holding the sshd node's client key, and the docker
// CLI over `ssh://` as the truth. The CLI's OpenSSH client reads the passwd
// entry's home, not HOME, so an `ssh` first on its PATH hands it the scratch
// known_hosts (and never prompts).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ENGINE_MS } from './deadlines.ts';
import type { SshdNode } from './sshd-node.ts';

const run = promisify(execFile);

export interface SshHome {
  home: string;
  agentSocket: string;
  knownHosts: string;
  /** The environment a process needs to be this user: HOME, SSH_AUTH_SOCK, the CLI's config. */
  env: Record<string, string>;
  /** For the app as this user: `env`, and discovery that finds nothing on this machine (no managed engine either). */
  appEnv: Record<string, string>;
  /** `docker -H ssh://… ARGS` with this user's known_hosts and agent. */
  cli(...args: string[]): Promise<string>;
  /** Loads the node's client key into the agent (again). */
  addKey(): Promise<void>;
  /** Empties the agent: the host then refuses the login. */
  removeKeys(): Promise<void>;
  stop(): Promise<void>;
}

export async function makeSshHome(sshd: SshdNode): Promise<SshHome> {
  const home = await mkdtemp(join(tmpdir(), 'berth-ssh-home-'));
  const sshDir = join(home, '.ssh');
  const knownHosts = join(sshDir, 'known_hosts');
  await mkdir(sshDir, { mode: 0o700 });
  await mkdir(join(home, '.docker'));
  await writeFile(knownHosts, '');
  const cliConfig = join(home, 'cli_ssh_config');
  await writeFile(
    cliConfig,
    `Host *\n  BatchMode yes\n  StrictHostKeyChecking yes\n  UserKnownHostsFile ${knownHosts}\n`,
  );
  await mkdir(join(home, 'bin'));
  await writeFile(join(home, 'bin', 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${cliConfig} "$@"\n`, {
    mode: 0o755,
  });
  const agentSocket = join(home, 'agent.sock');
  const agent: ChildProcess = spawn('ssh-agent', ['-D', '-a', agentSocket], { stdio: 'ignore' });
  const env = { HOME: home, SSH_AUTH_SOCK: agentSocket, DOCKER_CONFIG: join(home, '.docker') };
  const agentEnv = { env: { ...process.env, SSH_AUTH_SOCK: agentSocket } };
  const addKey = async () => {
    const deadline = Date.now() + ENGINE_MS;
    for (;;) {
      const added = await run('ssh-add', [sshd.clientKey], agentEnv).then(
        () => true,
        () => false,
      );
      if (added) return;
      if (Date.now() > deadline) throw new Error('ssh-agent did not take the key');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await addKey();
  return {
    home,
    agentSocket,
    knownHosts,
    env,
    appEnv: {
      ...env,
      DOCKER_HOST: '',
      DOCKER_CONTEXT: '',
      BERTH_NO_WELL_KNOWN_SOCKETS: '1',
      BERTH_DOCKERD: 'none',
    },
    cli: async (...args) => {
      const { stdout } = await run('docker', ['-H', sshd.url, ...args], {
        env: { ...process.env, ...env, PATH: `${join(home, 'bin')}:${process.env.PATH}` },
      });
      return stdout;
    },
    addKey,
    removeKeys: async () => {
      await run('ssh-add', ['-D'], agentEnv);
    },
    stop: async () => {
      if (agent.exitCode === null) {
        const gone = new Promise((resolve) => agent.once('exit', resolve));
        agent.kill('SIGTERM');
        await gone;
      }
      await rm(home, { recursive: true, force: true });
    },
  };
}
