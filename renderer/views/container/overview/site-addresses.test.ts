import { describe, expect, it } from 'vitest';
import type { PortBinding } from '../../../../electron/contract/container-types.ts';
import { firstWebAddress, isRemotePage, siteAddresses } from './site-addresses.ts';

const tcp = (privatePort: number, publicPort?: number, hostIp?: string): PortBinding => ({
  privatePort,
  protocol: 'tcp',
  ...(publicPort !== undefined ? { publicPort } : {}),
  ...(hostIp !== undefined ? { hostIp } : {}),
});

describe('siteAddresses', () => {
  it('gives one address per host port when the engine reports both 0.0.0.0 and ::', () => {
    const got = siteAddresses([tcp(80, 8080, '0.0.0.0'), tcp(80, 8080, '::')], 'localhost');
    expect(got).toEqual([
      {
        hostPort: 8080,
        containerPort: 80,
        protocol: 'tcp',
        url: 'http://localhost:8080',
        loopbackOnly: false,
      },
    ]);
  });

  it('leaves out exposed ports that are not published, and gives UDP no URL', () => {
    const got = siteAddresses(
      [tcp(443), { privatePort: 53, publicPort: 5353, protocol: 'udp', hostIp: '0.0.0.0' }],
      'localhost',
    );
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ hostPort: 5353, protocol: 'udp' });
    expect(got[0]!.url).toBeUndefined();
  });

  it('keeps a TCP and a UDP port of the same number apart, sorted by port', () => {
    const got = siteAddresses(
      [
        { privatePort: 53, publicPort: 9000, protocol: 'udp' },
        tcp(80, 9000),
        tcp(80, 1234, '127.0.0.1'),
      ],
      'localhost',
    );
    expect(got.map((a) => `${a.hostPort}/${a.protocol}`)).toEqual([
      '1234/tcp',
      '9000/tcp',
      '9000/udp',
    ]);
  });

  it("uses the page's host name from another machine, with the SSH line that forwards the port", () => {
    const [a] = siteAddresses([tcp(80, 8080, '0.0.0.0')], 'build.example');
    expect(a!.url).toBe('http://build.example:8080');
    expect(a!.sshForward).toBe('ssh -L 8080:localhost:8080 build.example');
  });

  it('points a loopback-only port at localhost from afar, as the SSH tunnel makes it', () => {
    const [a] = siteAddresses([tcp(80, 8080, '127.0.0.1')], 'build.example');
    expect(a).toMatchObject({ url: 'http://localhost:8080', loopbackOnly: true });
    expect(a!.sshForward).toBe('ssh -L 8080:localhost:8080 build.example');
  });

  it('counts a port as public when any of its bindings is', () => {
    const [a] = siteAddresses([tcp(80, 8080, '127.0.0.1'), tcp(80, 8080, '::')], 'localhost');
    expect(a!.loopbackOnly).toBe(false);
  });
});

describe('isRemotePage', () => {
  it('knows the names of this machine', () => {
    for (const h of ['localhost', '127.0.0.1', '[::1]', '']) expect(isRemotePage(h)).toBe(false);
    expect(isRemotePage('10.0.0.5')).toBe(true);
  });
});

describe('firstWebAddress', () => {
  it('prefers the container port a web server usually uses', () => {
    const got = siteAddresses([tcp(5432, 5432), tcp(80, 8081), tcp(22, 2222)], 'localhost');
    expect(firstWebAddress(got)?.hostPort).toBe(8081);
  });
});
