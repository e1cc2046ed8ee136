// Where and as whom to connect for one ssh:// engine, worked out as the
// docker CLI's ssh would: the URL's user and port win, then ~/.ssh/config's
// Host block (HostName, User, Port, IdentityFile, HashKnownHosts), then the
// defaults (the local user, port 22, ~/.ssh/id_*). Files are read once per
// connection attempt, so an edit to the config or known_hosts applies at the
// next reconnect.
import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { hostConfig } from './ssh-config.ts';
import type { SshAddress } from './ssh-url.ts';

/** The user's SSH files and agent; tests point them at a scratch folder. */
export interface SshSettings {
  /** ~/.ssh: config, identities and known_hosts. */
  sshDir: string;
  /** SSH_AUTH_SOCK; null for none. */
  agentSocket: string | null;
  /** System-wide known hosts, read after the user's. */
  globalKnownHosts: string[];
}

/** Windows' OpenSSH agent listens here when SSH_AUTH_SOCK is not set (its usual state). */
const WINDOWS_AGENT_PIPE = '\\\\.\\pipe\\openssh-ssh-agent';

export function defaultSshSettings(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): SshSettings {
  return {
    sshDir: join(env.HOME || homedir(), '.ssh'),
    agentSocket: env.SSH_AUTH_SOCK || (platform === 'win32' ? WINDOWS_AGENT_PIPE : null),
    globalKnownHosts: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
  };
}

export interface SshTarget {
  /** The host as typed in the URL (what ~/.ssh/config's Host matched). */
  alias: string;
  /** Where to connect, and the name known_hosts lists it by. */
  host: string;
  port: number;
  user: string;
  /** Identity files to offer after the agent's keys, in order. */
  identityFiles: string[];
  /** The user's known_hosts first: a trusted key is appended there. */
  knownHostsFiles: string[];
  agentSocket: string | null;
  hashKnownHosts: boolean;
}

/** OpenSSH's default identities that ssh2 can use (no -sk or xmss keys), in OpenSSH's order. */
const DEFAULT_IDENTITIES = ['id_rsa', 'id_ecdsa', 'id_ed25519', 'id_dsa'];

export async function resolveTarget(
  address: SshAddress,
  settings: SshSettings,
): Promise<SshTarget> {
  const home = join(settings.sshDir, '..');
  const text = await readFile(join(settings.sshDir, 'config'), 'utf8').catch(() => '');
  const config = hostConfig(text, address.host, home);
  return {
    alias: address.host,
    host: config.hostName ?? address.host,
    port: address.port ?? config.port ?? 22,
    user: address.user ?? config.user ?? userInfo().username,
    identityFiles:
      config.identityFiles.length > 0
        ? config.identityFiles
        : DEFAULT_IDENTITIES.map((name) => join(settings.sshDir, name)),
    knownHostsFiles: [
      join(settings.sshDir, 'known_hosts'),
      join(settings.sshDir, 'known_hosts2'),
      ...settings.globalKnownHosts,
    ],
    agentSocket: settings.agentSocket,
    hashKnownHosts: config.hashKnownHosts ?? false,
  };
}
