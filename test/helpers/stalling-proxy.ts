// A TCP proxy on loopback in front of a test registry that goes silent once:
// from the first request matching `stallOn`, nothing crosses it in either
// direction for `stallMs`, then everything held flows on in order. A registry
// that is slow to serve a blob looks exactly like this to the engine.
//
//   const proxy = await startStallingProxy(registry.port, { stallOn: /\/blobs\//, stallMs: 20_000 });
//   pull `${proxy.host}/berth/blob:1` (the same repository as in the registry)

import { connect, createServer, type Socket } from 'node:net';

interface StallingProxyOptions {
  /** Tested against each chunk a client sends (an HTTP request line is in its first). */
  stallOn: RegExp;
  stallMs: number;
}

interface StallingProxy {
  /** `localhost:PORT`: dockerd treats a loopback registry as insecure, so plain http works. */
  host: string;
  /** When the silence began (0: not yet). */
  stalledAt(): number;
  close(): Promise<void>;
}

export async function startStallingProxy(
  targetPort: number,
  opts: StallingProxyOptions,
): Promise<StallingProxy> {
  let silentUntil = 0;
  let stalledAt = 0;
  const sockets = new Set<Socket>();

  /** Writes chunks to `to` in order, holding each one until the silence is over. */
  const relay = (from: Socket, to: Socket, watch: boolean) => {
    let chain = Promise.resolve();
    from.on('data', (chunk: Buffer) => {
      if (watch && !stalledAt && opts.stallOn.test(chunk.toString('latin1'))) {
        stalledAt = Date.now();
        silentUntil = stalledAt + opts.stallMs;
      }
      chain = chain
        .then(() => new Promise<void>((r) => setTimeout(r, Math.max(0, silentUntil - Date.now()))))
        .then(() => {
          if (!to.destroyed) to.write(chunk);
        });
    });
    from.on('end', () => void chain.then(() => to.end()));
    from.on('error', () => to.destroy());
    from.on('close', () => void chain.then(() => to.destroy()));
  };

  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    }
    relay(client, upstream, true);
    relay(upstream, client, false);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    host: `localhost:${port}`,
    stalledAt: () => stalledAt,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
