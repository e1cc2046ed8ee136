// Logging in as OpenSSH does without a prompt: the agent's keys first
// (SSH_AUTH_SOCK), then the identity files (~/.ssh/config's IdentityFile, or
// the default ~/.ssh/id_*). A key protected by a passphrase is skipped and
// named: Berth never asks for a passphrase; the agent is where such a key
// belongs. What was tried is kept for the error when every way is refused.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import ssh2, { type ConnectConfig } from 'ssh2';
import type { SshTarget } from './ssh-target.ts';

export interface AuthLog {
  tried: string[];
  skipped: string[];
  /** The methods the server said it accepts. */
  serverMethods: string[];
}

type AuthHandler = NonNullable<ConnectConfig['authHandler']>;

export async function authPlan(target: SshTarget): Promise<{ handler: AuthHandler; log: AuthLog }> {
  const log: AuthLog = { tried: [], skipped: [], serverMethods: [] };
  const attempts: Array<{ words: string; attempt: Parameters<Parameters<AuthHandler>[2]>[0] }> = [];
  if (target.agentSocket) {
    // A named pipe (Windows) cannot be looked at without connecting to it.
    if (process.platform === 'win32' || existsSync(target.agentSocket)) {
      attempts.push({
        words: 'the SSH agent',
        attempt: { type: 'agent', username: target.user, agent: target.agentSocket },
      });
    } else {
      log.skipped.push(`the SSH agent (SSH_AUTH_SOCK=${target.agentSocket} does not exist)`);
    }
  }
  for (const file of target.identityFiles) {
    const data = await readFile(file).catch(() => null);
    if (!data) continue;
    const parsed = ssh2.utils.parseKey(data);
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (key instanceof Error || key === undefined) {
      const encrypted = key instanceof Error && /encrypted|passphrase/i.test(key.message);
      log.skipped.push(
        encrypted
          ? `${tilde(file)} is protected by a passphrase (Berth does not ask for one)`
          : `${tilde(file)} could not be read as a key (${key instanceof Error ? key.message : 'empty'})`,
      );
      continue;
    }
    if (!key.isPrivateKey()) continue;
    attempts.push({
      words: tilde(file),
      attempt: { type: 'publickey', username: target.user, key: data },
    });
  }
  let next = 0;
  const handler: AuthHandler = (methodsLeft, _partial, callback) => {
    if (methodsLeft) log.serverMethods = methodsLeft;
    // Only public keys (and the agent's, which are public keys) are ever offered.
    const allowed = !methodsLeft || methodsLeft.includes('publickey');
    const step = allowed ? attempts[next++] : undefined;
    if (!step) return callback(false);
    log.tried.push(step.words);
    callback(step.attempt);
  };
  return { handler, log };
}

function tilde(file: string): string {
  const home = homedir();
  return file.startsWith(`${home}/`) ? `~${file.slice(home.length)}` : file;
}
