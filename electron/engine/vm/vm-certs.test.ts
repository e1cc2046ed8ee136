import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureVmTls, generateVmTls } from './vm-certs.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vm-certs-'));
  dirs.push(dir);
  return path.join(dir, 'tls');
}

async function serve(files: Awaited<ReturnType<typeof generateVmTls>>) {
  const server = tls.createServer(
    {
      ca: await readFile(files.ca),
      cert: await readFile(files.serverCert),
      key: await readFile(files.serverKey),
      requestCert: true,
      rejectUnauthorized: true,
    },
    (socket) => socket.end('hello'),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as { port: number }).port };
}

function connect(port: number, opts: tls.ConnectionOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, ...opts }, () => {});
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (data += chunk));
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
}

describe('per-VM TLS', () => {
  it('lets a client with its certificate in, checking the server as 127.0.0.1, and refuses one without', async () => {
    const files = await generateVmTls(await tempDir());
    const { server, port } = await serve(files);
    try {
      const client = files.clientDir;
      const said = await connect(port, {
        ca: await readFile(path.join(client, 'ca.pem')),
        cert: await readFile(path.join(client, 'cert.pem')),
        key: await readFile(path.join(client, 'key.pem')),
      });
      expect(said).toBe('hello');
      await expect(
        connect(port, { ca: await readFile(path.join(client, 'ca.pem')) }),
      ).rejects.toThrow(/certificate|alert|socket hang up|ECONNRESET/i);
    } finally {
      server.close();
    }
  });

  it('keeps keys readable by the owner only', async () => {
    const files = await generateVmTls(await tempDir());
    expect((await stat(files.serverKey)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(files.clientDir, 'key.pem'))).mode & 0o777).toBe(0o600);
  });

  it('reuses a good set, and makes a new one when a file is missing or it is about to expire', async () => {
    const dir = await tempDir();
    const first = await ensureVmTls(dir);
    expect(first.made).toBe(true);
    const ca = await readFile(first.files.ca, 'utf8');
    expect((await ensureVmTls(dir)).made).toBe(false);
    await rm(path.join(first.files.clientDir, 'key.pem'));
    expect((await ensureVmTls(dir)).made).toBe(true);
    expect(await readFile(first.files.ca, 'utf8')).not.toBe(ca);
    const inTenYears = new Date(Date.now() + 3649 * 24 * 3600 * 1000);
    expect((await ensureVmTls(dir, inTenYears)).made).toBe(true);
  });
});
