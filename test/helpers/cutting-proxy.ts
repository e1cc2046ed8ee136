// A unix-socket proxy in front of an engine that can spoil image exports:
// while `mode` is 'cut', the answer to `GET /images/…/get` stops after
// `afterBytes` (the connection is closed, as when the engine dies mid-way);
// while 'corrupt', one byte at `afterBytes` is flipped. Everything else, and
// everything while 'pass', goes through untouched. Not a fake engine: the
// real one answers, through a faulty pipe.
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';

export interface CuttingProxy {
  endpoint: string;
  mode: 'pass' | 'cut' | 'corrupt';
  afterBytes: number;
  close(): Promise<void>;
}

export async function startCuttingProxy(engineSocket: string, dir: string): Promise<CuttingProxy> {
  const path = join(dir, 'cutting-proxy.sock');
  const sockets = new Set<Socket>();
  const proxy: CuttingProxy = {
    endpoint: `unix://${path}`,
    mode: 'pass',
    afterBytes: 0,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = createServer((client) => {
    const engine = connect(engineSocket);
    sockets.add(client).add(engine);
    let spoil: 'pass' | 'cut' | 'corrupt' = 'pass';
    let sent = 0;
    client.on('data', (chunk: Buffer) => {
      if (/^GET \/[^ ]*images\/[^ ]+\/get/.test(chunk.toString('latin1'))) spoil = proxy.mode;
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
      if (spoil === 'corrupt' && start <= proxy.afterBytes && sent > proxy.afterBytes) {
        const copy = Buffer.from(chunk);
        copy[proxy.afterBytes - start] = copy[proxy.afterBytes - start]! ^ 0x5a;
        client.write(copy);
        return;
      }
      client.write(chunk);
    });
    const close = () => {
      client.destroy();
      engine.destroy();
      sockets.delete(client);
      sockets.delete(engine);
    };
    client.on('close', close);
    engine.on('close', close);
    client.on('error', close);
    engine.on('error', close);
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return proxy;
}
