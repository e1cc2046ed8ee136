import { describe, expect, it } from 'vitest';
import { hostConfig } from './ssh-config.ts';
import { defaultSshSettings } from './ssh-target.ts';

const config = `
# defaults for every host come last in OpenSSH's first-wins order
Host build
  HostName build.internal.example
  User deploy
  Port 2200
  IdentityFile ~/.ssh/build_key

Host *.lab !secret.lab
  User=labber
  IdentityFile "/keys/lab key"

Match host other
  User matched

Host *
  User fallback
  Port 22
  IdentityFile %d/.ssh/id_default
  HashKnownHosts yes
`;

describe('~/.ssh/config subset', () => {
  it('takes the first value of each keyword from the blocks that match, adding up IdentityFile', () => {
    expect(hostConfig(config, 'build', '/home/me')).toEqual({
      hostName: 'build.internal.example',
      user: 'deploy',
      port: 2200,
      identityFiles: ['/home/me/.ssh/build_key', '/home/me/.ssh/id_default'],
      hashKnownHosts: true,
    });
  });

  it('matches wildcards, honours negation, and reads quoted and Keyword=value forms', () => {
    expect(hostConfig(config, 'a.lab', '/h')).toMatchObject({
      user: 'labber',
      identityFiles: ['/keys/lab key', '/h/.ssh/id_default'],
    });
    expect(hostConfig(config, 'secret.lab', '/h').user).toBe('fallback');
  });

  it('never applies a Match block it does not evaluate', () => {
    expect(hostConfig(config, 'other', '/h').user).toBe('fallback');
  });

  it('gives nothing for an empty config', () => {
    expect(hostConfig('', 'x', '/h')).toEqual({ identityFiles: [] });
  });
});

describe('default SSH settings', () => {
  it("use HOME's .ssh and SSH_AUTH_SOCK, or Windows' agent pipe when it is unset", () => {
    expect(defaultSshSettings({ HOME: '/home/me', SSH_AUTH_SOCK: '/run/agent' }, 'linux')).toEqual({
      sshDir: '/home/me/.ssh',
      agentSocket: '/run/agent',
      globalKnownHosts: ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'],
    });
    expect(defaultSshSettings({ HOME: '/home/me' }, 'linux').agentSocket).toBeNull();
    expect(defaultSshSettings({ HOME: '/home/me' }, 'win32').agentSocket).toBe(
      '\\\\.\\pipe\\openssh-ssh-agent',
    );
  });
});
