// Every way an ssh:// engine can fail, as the contract's envelope: our words,
// then ssh's or the remote's own (engineMessage), then what to do. The host
// key kinds carry the key (hostKey) so the UI can show its fingerprint.
import { ContractError, type SshHostKey } from '../../contract/errors.ts';
import type { KnownHostEntry } from './known-hosts.ts';
import type { SshTarget } from './ssh-target.ts';

const where = (t: SshTarget) => (t.port === 22 ? t.host : `${t.host} port ${t.port}`);

export function hostUnknown(t: SshTarget, key: SshHostKey, otherTypes: string[]): ContractError {
  const others = otherTypes.length
    ? ` It is known with another key type (${otherTypes.join(', ')}), not this one.`
    : '';
  return new ContractError({
    kind: 'ssh-host-unknown',
    message: `Berth has never seen the host ${where(t)}: its ${key.label} key ${key.fingerprint} is not in ${t.knownHostsFiles[0]}.${others}`,
    engineMessage: `The authenticity of host '${where(t)}' can't be established. ${key.label} key fingerprint is ${key.fingerprint}.`,
    hint: "Compare the fingerprint with the host's own (`ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub` there), then trust it.",
    hostKey: key,
  });
}

export function hostChanged(t: SshTarget, key: SshHostKey, old: KnownHostEntry): ContractError {
  return new ContractError({
    kind: 'ssh-host-changed',
    message: `The host key of ${where(t)} has CHANGED: it offered ${key.label} ${key.fingerprint}, but ${old.file} line ${old.line} holds another ${old.keyType} key for it. Someone may be intercepting the connection; Berth refused to connect.`,
    engineMessage: 'WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! Host key verification failed.',
    hint: `If the host was reinstalled, confirm the new fingerprint with its administrator, then remove the old key (\`ssh-keygen -R ${knownName(t)} -f ${old.file}\`) and connect again.`,
    hostKey: { ...key, knownHostsFile: old.file, line: old.line },
  });
}

export function hostRevoked(t: SshTarget, key: SshHostKey, entry: KnownHostEntry): ContractError {
  return new ContractError({
    kind: 'ssh-host-revoked',
    message: `The host ${where(t)} offered a key marked @revoked in ${entry.file} line ${entry.line} (${key.label} ${key.fingerprint}); Berth refused to connect.`,
    engineMessage: `${key.label} key ${key.fingerprint} is marked as revoked. Host key verification failed.`,
    hint: "Ask the host's administrator which key it should have.",
    hostKey: { ...key, knownHostsFile: entry.file, line: entry.line },
  });
}

/** `tried`: the ways offered, in words (`the SSH agent (2 keys)`, `~/.ssh/id_ed25519`). */
export function authRefused(
  t: SshTarget,
  tried: string[],
  skipped: string[],
  serverMethods: string[],
): ContractError {
  const triedText = tried.length ? tried.join(', ') : 'nothing (no SSH agent and no key file)';
  const skippedText = skipped.length ? ` Skipped: ${skipped.join('; ')}.` : '';
  return new ContractError({
    kind: 'ssh-auth-refused',
    message: `${t.user}@${where(t)} refused the login. Tried: ${triedText}.${skippedText}`,
    engineMessage: `Permission denied (${serverMethods.join(',') || 'publickey'}).`,
    hint: skipped.some((s) => s.includes('passphrase'))
      ? 'Add the key to your SSH agent (`ssh-add KEYFILE`), then try again.'
      : `Authorise one of these keys for ${t.user} on the host (\`ssh-copy-id\`), or load the right key into your SSH agent (\`ssh-add\`).`,
  });
}

export function connectFailed(t: SshTarget, error: Error & { code?: string }): ContractError {
  return new ContractError({
    kind:
      error.code === 'ETIMEDOUT' || /timed out/i.test(error.message) ? 'timeout' : 'unreachable',
    message: `Couldn't open an SSH connection to ${where(t)}: ${error.message}`,
    engineMessage: error.message,
    hint: 'Check the address, that the host is up and that its SSH server runs.',
  });
}

export function linkDropped(t: SshTarget, reason?: string): ContractError {
  return new ContractError({
    kind: 'unreachable',
    message: `The SSH connection to ${where(t)} dropped${reason ? `: ${reason}` : ''}.`,
    ...(reason ? { engineMessage: reason } : {}),
    hint: 'Berth reconnects by itself when the host answers again.',
  });
}

/** `docker system dial-stdio` ended with `code` before the engine answered. */
export function dialFailed(t: SshTarget, code: number | null, stderr: string): ContractError {
  const words = stderr.trim() || `exit status ${code ?? 'unknown'}`;
  if (code === 127) {
    return new ContractError({
      kind: 'unreachable',
      message: `The host ${where(t)} has no docker command for ${t.user}: ${words}`,
      engineMessage: words,
      hint: 'Install the Docker CLI on the host (Berth runs `docker system dial-stdio` there, as the docker CLI does), and make sure it is on the PATH of a non-interactive login.',
    });
  }
  return new ContractError({
    kind: 'unreachable',
    message: `The engine on ${where(t)} is not answering: \`docker system dial-stdio\` failed (exit ${code ?? 'unknown'}): ${words}`,
    engineMessage: words,
    hint: `Check that the engine runs on the host and that ${t.user} may use it (\`docker info\` there).`,
  });
}

function knownName(t: SshTarget): string {
  return t.port === 22 ? t.host : `'[${t.host}]:${t.port}'`;
}
