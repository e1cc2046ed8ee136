// Whether a port on this computer's 127.0.0.1 is free for a forward, found
// the only sure way: by listening on it for a moment. QEMU's own refusal says
// no more than "Could not set up host forwarding rule", so asking first lets
// the Engine page say why.
import dgram from 'node:dgram';
import net from 'node:net';

export type HostPortCheck = { free: true } | { free: false; reason: string; retry: boolean };

export function checkHostPort(port: number, protocol: 'tcp' | 'udp'): Promise<HostPortCheck> {
  return new Promise((resolve) => {
    const done = (error: NodeJS.ErrnoException | null) =>
      resolve(error ? refusal(port, protocol, error) : { free: true });
    if (protocol === 'udp') {
      const socket = dgram.createSocket('udp4');
      socket.once('error', (error) => {
        socket.close();
        done(error);
      });
      socket.bind(port, '127.0.0.1', () => socket.close(() => done(null)));
      return;
    }
    const server = net.createServer();
    server.once('error', (error) => done(error));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () =>
      server.close(() => done(null)),
    );
  });
}

function refusal(
  port: number,
  protocol: 'tcp' | 'udp',
  error: NodeJS.ErrnoException,
): HostPortCheck {
  const what = `${port}/${protocol}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return {
        free: false,
        retry: true,
        reason:
          `Port ${what} is already in use on this computer, so 127.0.0.1:${port} does not reach the container ` +
          '(it runs all the same). Stop the program using the port, or publish another host port; ' +
          'Berth forwards it as soon as the port is free.',
      };
    case 'EACCES':
      return {
        free: false,
        retry: false,
        reason:
          `Berth may not listen on port ${what} on this computer (ports below 1024 need administrator rights on some systems). ` +
          'Publish a host port above 1023.',
      };
    default:
      return {
        free: false,
        retry: true,
        reason: `Port ${what} cannot be opened on this computer’s 127.0.0.1: ${error.message}.`,
      };
  }
}
