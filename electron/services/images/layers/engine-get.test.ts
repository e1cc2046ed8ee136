import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineGet } from './engine-get.ts';

// A real HTTP server on a unix socket: the protocol's other side, not a fake engine.
let dir: string;
let server: Server;
const body = Buffer.from(Array.from({ length: 300_000 }, (_, i) => i % 251));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'berth-engine-get-'));
  server = createServer((req, res) => {
    if (req.url === '/chunked') {
      res.writeHead(200);
      // Odd write sizes, so chunk headers fall anywhere in a socket read.
      for (let at = 0; at < body.length; at += 7_777) res.write(body.subarray(at, at + 7_777));
      res.end();
    } else if (req.url === '/sized') {
      res.writeHead(200, { 'Content-Length': body.length });
      res.end(body);
    } else if (req.url === '/cut') {
      res.writeHead(200);
      res.write(body.subarray(0, 50_000));
      setTimeout(() => res.socket?.destroy(), 50);
    } else {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end('{"message":"No such image: x"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(join(dir, 's.sock'), resolve));
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

function get(path: string) {
  return new Promise<{ status?: number; body: Buffer; error?: Error }>((resolve) => {
    const parts: Buffer[] = [];
    let status: number | undefined;
    engineGet({ kind: 'unix', socketPath: join(dir, 's.sock') }, path, {
      status: (code) => (status = code),
      data: (chunk) => parts.push(Buffer.from(chunk)),
      end: () => resolve({ ...(status ? { status } : {}), body: Buffer.concat(parts) }),
      error: (error) =>
        resolve({ ...(status ? { status } : {}), body: Buffer.concat(parts), error }),
    });
  });
}

describe('engineGet', () => {
  it('decodes a chunked body exactly', async () => {
    const got = await get('/chunked');
    expect(got.error).toBeUndefined();
    expect(got.status).toBe(200);
    expect(got.body.equals(body)).toBe(true);
  });

  it('reads a sized body, and an error answer with its status', async () => {
    const sized = await get('/sized');
    expect(sized.body.equals(body)).toBe(true);
    const missing = await get('/missing');
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toBe('{"message":"No such image: x"}');
  });

  it('says the answer was cut short when the connection closes mid-body', async () => {
    const cut = await get('/cut');
    expect(cut.status).toBe(200);
    expect(cut.error?.message).toMatch(/before the answer was complete/);
  });
});
