import { describe, expect, it } from 'vitest';
import type { SshHostKey } from '../../contract/errors.ts';
import { authRefused, dialFailed, hostChanged } from './ssh-errors.ts';
import type { SshTarget } from './ssh-target.ts';

const target: SshTarget = {
  alias: 'build',
  host: 'build.example',
  port: 2200,
  user: 'deploy',
  identityFiles: [],
  knownHostsFiles: ['/home/me/.ssh/known_hosts'],
  agentSocket: null,
  hashKnownHosts: false,
};
const key: SshHostKey = {
  host: 'build.example',
  port: 2200,
  keyType: 'ssh-ed25519',
  bits: 256,
  label: 'ED25519',
  fingerprint: 'SHA256:abc',
};

describe('ssh:// errors', () => {
  it("says a host has no docker command (exit 127), quoting the remote's words", () => {
    const { envelope } = dialFailed(target, 127, 'bash: line 1: docker: command not found\n');
    expect(envelope).toMatchObject({
      kind: 'unreachable',
      engineMessage: 'bash: line 1: docker: command not found',
    });
    expect(envelope.message).toContain('has no docker command for deploy');
    expect(envelope.hint).toContain('Install the Docker CLI on the host');
  });

  it('quotes dial-stdio when the engine there does not answer', () => {
    const words = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.';
    expect(dialFailed(target, 1, words).envelope).toMatchObject({
      kind: 'unreachable',
      engineMessage: words,
      message: expect.stringContaining('(exit 1)'),
    });
  });

  it('names the user, host, what was tried, and the agent for a key with a passphrase', () => {
    const { envelope } = authRefused(
      target,
      ['the SSH agent', '~/.ssh/id_ed25519'],
      ['~/.ssh/id_rsa is protected by a passphrase (Berth does not ask for one)'],
      ['publickey', 'password'],
    );
    expect(envelope.kind).toBe('ssh-auth-refused');
    expect(envelope.message).toBe(
      'deploy@build.example port 2200 refused the login. Tried: the SSH agent, ~/.ssh/id_ed25519. Skipped: ~/.ssh/id_rsa is protected by a passphrase (Berth does not ask for one).',
    );
    expect(envelope.engineMessage).toBe('Permission denied (publickey,password).');
    expect(envelope.hint).toContain('ssh-add');
  });

  it('refuses a changed key naming the file and line, and how to remove the old one', () => {
    const old = {
      file: '/home/me/.ssh/known_hosts',
      line: 7,
      hosts: '[build.example]:2200',
      keyType: 'ssh-ed25519',
      key: Buffer.alloc(0),
    };
    const { envelope } = hostChanged(target, key, old);
    expect(envelope.kind).toBe('ssh-host-changed');
    expect(envelope.message).toContain('/home/me/.ssh/known_hosts line 7');
    expect(envelope.hint).toContain(
      "ssh-keygen -R '[build.example]:2200' -f /home/me/.ssh/known_hosts",
    );
    expect(envelope.hostKey).toMatchObject({ fingerprint: 'SHA256:abc', line: 7 });
  });
});
