import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { addEngineRequest, engineCliLine, hostKeyToTrust, remoteAddress } from './engine-remote.ts';

const ok = (address: string) => remoteAddress.safeParse(address).success;

describe('remote engine addresses', () => {
  it('takes ssh://[user@]host[:port][/socket] and tcp://host:port', () => {
    for (const address of [
      'ssh://build-box',
      'ssh://me@build-box.example.com',
      'ssh://root@10.0.0.2:2222',
      'ssh://deploy_user@[fd00::2]:22',
      'ssh://me@host/run/user/1000/docker.sock',
      'tcp://10.0.0.2:2376',
      'tcp://docker.example.com:2376',
      ' tcp://10.0.0.2:2376 ',
    ])
      expect(ok(address), address).toBe(true);
  });

  it('refuses what could read as an option, break a shell line, or is not a remote engine', () => {
    for (const address of [
      'ssh://-oProxyCommand=sh@host',
      'ssh://root@-oProxyCommand=x',
      'ssh://-host',
      'ssh://root@host name',
      'ssh://root@host\n-oProxyCommand=x',
      "ssh://root@host';touch /tmp/x;'",
      'ssh://root@host$(id)',
      'ssh://root:secret@host',
      'ssh://root@host?x=1',
      'ssh://root@host:0',
      'ssh://root@host:99999',
      'tcp://host',
      'tcp://host:2376/path',
      'unix:///var/run/docker.sock',
      'npipe:////./pipe/docker_engine',
      'http://host:2375',
      '',
      `ssh://${'a'.repeat(300)}`,
    ])
      expect(ok(address), address).toBe(false);
  });
});

describe('the Add engine request', () => {
  const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

  it('takes TLS files as PEM text or absolute paths, for tcp:// only', () => {
    const tls = { ca: pem, cert: '/home/me/.docker/cert.pem', key: 'C:\\certs\\key.pem' };
    expect(addEngineRequest.safeParse({ address: 'tcp://h:2376', tls }).success).toBe(true);
    expect(addEngineRequest.safeParse({ address: 'ssh://me@h', tls }).success).toBe(false);
    const relative = { ...tls, key: 'key.pem' };
    const refused = addEngineRequest.safeParse({ address: 'tcp://h:2376', tls: relative });
    expect(refused.error?.issues[0]?.message).toMatch(/^Client key: /);
    const newline = { ...tls, ca: '/tmp/a\n/etc/shadow' };
    expect(addEngineRequest.safeParse({ address: 'tcp://h:2376', tls: newline }).success).toBe(
      false,
    );
  });

  it('keeps a name to one line, and refuses unknown fields', () => {
    expect(addEngineRequest.safeParse({ address: 'ssh://h', name: 'Build box' }).success).toBe(
      true,
    );
    expect(addEngineRequest.safeParse({ address: 'ssh://h', name: 'a\nb' }).success).toBe(false);
    expect(addEngineRequest.safeParse({ address: 'ssh://h', certPath: '/x' }).success).toBe(false);
  });
});

describe('a host key to trust', () => {
  const fingerprint = `SHA256:${'a1+/'.repeat(10)}abc`;

  it('takes a host, port and SHA256 fingerprint as ssh-keygen prints it', () => {
    expect(hostKeyToTrust.safeParse({ host: '10.0.0.2', port: 22, fingerprint }).success).toBe(
      true,
    );
    expect(hostKeyToTrust.safeParse({ host: 'fd00::2', port: 2222, fingerprint }).success).toBe(
      true,
    );
  });

  it('refuses anything else', () => {
    for (const key of [
      { host: '-oProxyCommand=x', port: 22, fingerprint },
      { host: 'h', port: 0, fingerprint },
      { host: 'h', port: 22, fingerprint: 'MD5:aa:bb' },
      { host: 'h', port: 22, fingerprint: `${fingerprint}\nx` },
      { host: 'h', port: 22, fingerprint, keyType: 'ssh-rsa' },
    ])
      expect(hostKeyToTrust.safeParse(key).success, JSON.stringify(key)).toBe(false);
  });
});

describe('the CLI line of an added engine', () => {
  /** What `docker` would be handed when the line is pasted into a real sh. */
  const argsInSh = (line: string) =>
    execFileSync('sh', ['-c', `docker() { printf '%s\\0' "$@"; }; ${line}`], { encoding: 'utf8' })
      .split('\0')
      .slice(0, -1);

  it('is docker -H ADDRESS ps, or docker --context NAME ps where Berth wrote a context', () => {
    expect(engineCliLine({ endpoint: 'ssh://me@box' }, 'posix')).toBe('docker -H ssh://me@box ps');
    expect(engineCliLine({ endpoint: 'ssh://me@box', cliContext: 'berth-box-1a2b' }, 'posix')).toBe(
      'docker --context berth-box-1a2b ps',
    );
  });

  it('hands docker exactly its words, whatever the address holds', () => {
    for (const hostile of [
      "ssh://me@box';touch /tmp/berth-pwned;'",
      'ssh://me@box$(touch /tmp/berth-pwned)',
      'ssh://me@box`id` ; rm -rf ~',
      'ssh://me@box\nid',
    ]) {
      expect(argsInSh(engineCliLine({ endpoint: hostile }, 'posix'))).toEqual([
        '-H',
        hostile,
        'ps',
      ]);
      expect(
        argsInSh(engineCliLine({ endpoint: 'ssh://me@box', cliContext: hostile }, 'posix')),
      ).toEqual(['--context', hostile, 'ps']);
    }
  });
});
