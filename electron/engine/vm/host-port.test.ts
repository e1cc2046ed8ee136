import dgram from 'node:dgram';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkHostPort } from './host-port.ts';

async function listenTcp(): Promise<{ port: number; close(): Promise<void> }> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('checkHostPort', () => {
  it('finds a TCP port some program listens on taken, and free once it closed', async () => {
    const holder = await listenTcp();

    const taken = await checkHostPort(holder.port, 'tcp');
    expect(taken).toEqual({
      free: false,
      retry: true,
      reason: expect.stringContaining(`Port ${holder.port}/tcp is already in use on this computer`),
    });

    await holder.close();
    expect(await checkHostPort(holder.port, 'tcp')).toEqual({ free: true });
  });

  it('finds a UDP port bound by another socket taken', async () => {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const { port } = socket.address();
    try {
      expect(await checkHostPort(port, 'udp')).toMatchObject({ free: false, retry: true });
    } finally {
      socket.close();
    }
    expect(await checkHostPort(port, 'udp')).toEqual({ free: true });
  });

  it('finds a port held by a wildcard listener taken too', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      expect(await checkHostPort(port, 'tcp')).toMatchObject({ free: false });
    } finally {
      server.close();
    }
  });
});
