// A unix-socket proxy in front of an engine that can spoil image exports:
// while `mode` is 'cut', the answer to `GET /images/…/get` stops after
// `afterBytes` (the connection is closed, as when the engine dies mid-way);
// while 'corrupt', one byte at `afterBytes` is flipped; while 'hold', nothing
// past `afterBytes` is passed on (a reader stays mid-archive until it leaves). Everything else, and
// everything while 'pass', goes through untouched. Not a fake engine: the
// real one answers, through a faulty pipe.
import { randomBytes } from 'node:crypto';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';

export interface CuttingProxy {
  endpoint: string;
  mode: 'pass' | 'cut' | 'corrupt' | 'hold';
  afterBytes: number;
  /** Export connections open now (either side). */
  exportsOpen(): number;
  close(): Promise<void>;
}

export async function startCuttingProxy(engineSocket: string, dir: string): Promise<CuttingProxy> {
  // A path of its own each time: Node's global agent keeps idle sockets by path, and one
  // left from an earlier proxy on the same path fails the next request (EPIPE).
  const path = join(dir, `cutting-proxy-${randomBytes(4).toString('hex')}.sock`);
  const sockets = new Set<Socket>();
  let exportsOpen = 0;
  const proxy: CuttingProxy = {
    endpoint: `unix://${path}`,
    mode: 'pass',
    afterBytes: 0,
    exportsOpen: () => exportsOpen,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((client) => {
    const engine = connect(engineSocket);
    sockets.add(client).add(engine);
    let spoil: CuttingProxy['mode'] = 'pass';
    let isExport = false;
    let sent = 0;
    client.on('data', (chunk: Buffer) => {
      if (/^GET \/[^ ]*images\/[^ ]+\/get/.test(chunk.toString('latin1'))) {
        spoil = proxy.mode;
        if (!isExport) exportsOpen++;
        isExport = true;
      }
      engine.write(chunk);
    });
    engine.on('data', (chunk: Buffer) => {
      const start = sent;
      sent += chunk.length;
      if (spoil === 'cut' && sent > proxy.afterBytes) {
        client.end(chunk.subarray(0, Math.max(0, proxy.afterBytes - start)));
        engine.destroy();
        return;
      }
      if (spoil === 'hold' && sent > proxy.afterBytes) {
        if (start < proxy.afterBytes) client.write(chunk.subarray(0, proxy.afterBytes - start));
        engine.pause();
        return;
      }
      if (spoil === 'corrupt' && start <= proxy.afterBytes && sent > proxy.afterBytes) {
        const copy = Buffer.from(chunk);
        copy[proxy.afterBytes - start] = copy[proxy.afterBytes - start]! ^ 0x5a;
        client.write(copy);
        return;
      }
      client.write(chunk);
    });
    let closed = false;
    const close = () => {
      if (!closed && isExport) exportsOpen--;
      closed = true;
      client.destroy();
      engine.destroy();
      sockets.delete(client);
      sockets.delete(engine);
    };
    // The engine's end is passed on after what is still queued for the client, not dropped.
    engine.on('end', () => client.end());
    client.on('close', close);
    client.on('error', close);
    engine.on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return proxy;
}
