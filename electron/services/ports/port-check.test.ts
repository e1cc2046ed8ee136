import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { portCallArgs } from '../../contract/ports-channels.ts';
import { checkPorts, engineHostOf } from './port-check.ts';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function hold(host: string): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as { port: number }).port;
}

describe('checkPorts on a local engine', () => {
  it('finds a port a program holds on 127.0.0.1 only, and lets it go after', async () => {
    const port = await hold('127.0.0.1');
    expect(await checkPorts('managed', [{ port, protocol: 'tcp' }])).toEqual({
      checkable: true,
      busy: [{ port, protocol: 'tcp' }],
    });
    await new Promise((r) => servers.pop()!.close(r));
    // Nothing of the check itself stays bound: the port is free straight after.
    expect(await checkPorts('managed', [{ port, protocol: 'tcp' }])).toEqual({
      checkable: true,
      busy: [],
    });
    expect(await checkPorts('managed', [{ port, protocol: 'tcp' }])).toEqual({
      checkable: true,
      busy: [],
    });
  });

  it('checks udp apart from tcp', async () => {
    const port = await hold('0.0.0.0');
    expect(await checkPorts('unix:///var/run/docker.sock', [{ port, protocol: 'udp' }])).toEqual({
      checkable: true,
      busy: [],
    });
  });
});

describe('engineHostOf', () => {
  it('treats sockets and loopback as this machine, and names any other host', () => {
    expect(engineHostOf('managed')).toBeNull();
    expect(engineHostOf('unix:///var/run/docker.sock')).toBeNull();
    expect(engineHostOf('npipe:////./pipe/docker_engine')).toBeNull();
    expect(engineHostOf('tcp://127.0.0.1:2375')).toBeNull();
    expect(engineHostOf('tcp://build-box:2376')).toBe('build-box');
    expect(engineHostOf('ssh://me@build-box')).toBe('build-box');
  });

  it('says a remote engine cannot be checked, trying nothing', async () => {
    expect(await checkPorts('ssh://me@build-box', [{ port: 1, protocol: 'tcp' }])).toEqual({
      checkable: false,
      engineHost: 'build-box',
    });
  });
});

describe('ports.check arguments', () => {
  const args = portCallArgs['ports.check'];
  it('takes port numbers 1-65535, tcp or udp, and an IP address at most', () => {
    expect(args.safeParse([[{ port: 8080, protocol: 'tcp', hostIp: '127.0.0.1' }]]).success).toBe(
      true,
    );
    for (const bad of [
      { port: 0, protocol: 'tcp' },
      { port: 65536, protocol: 'tcp' },
      { port: 80.5, protocol: 'tcp' },
      { port: 80, protocol: 'sctp' },
      { port: 80, protocol: 'tcp', hostIp: 'example.com' },
      { port: 80, protocol: 'tcp', extra: 1 },
    ]) {
      expect(args.safeParse([[bad]]).success, JSON.stringify(bad)).toBe(false);
    }
    expect(args.safeParse([Array(65).fill({ port: 80, protocol: 'tcp' })]).success).toBe(false);
  });
});
