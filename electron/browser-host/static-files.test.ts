import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveStatic } from './static-files.ts';

let server: Server;
let base: string;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'berth-static-'));
  const root = join(dir, 'root');
  const outside = join(dir, 'outside');
  await mkdir(join(root, 'assets'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(root, 'index.html'), '<div id="root"></div>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(outside, 'secret.txt'), 'not for the browser');
  await symlink(join(outside, 'secret.txt'), join(root, 'leak.txt'));
  await symlink(outside, join(root, 'linked'));
  await symlink(join(root, 'assets', 'app.js'), join(root, 'alias.js'));
  server = createServer((req, res) => {
    const path = new URL(`http://x${req.url ?? '/'}`).pathname;
    // As the real server does: a failure the handler throws becomes a 500.
    serveStatic(root, path, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => vi.restoreAllMocks());

const get = (path: string) => fetch(`${base}${path}`);

describe('serveStatic', () => {
  it('serves the page and its assets', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect((await get('/assets/app.js')).status).toBe(200);
  });

  it('does not follow a symlink out of the served folder', async () => {
    for (const path of ['/leak.txt', '/linked/secret.txt']) {
      const res = await get(path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('not for the browser');
    }
    // A link that stays inside is fine.
    expect((await get('/alias.js')).status).toBe(200);
  });

  it('answers a malformed escape or a NUL with 400, and logs no control character', async () => {
    const logged: string[] = [];
    for (const method of ['error', 'warn', 'log'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
    for (const path of ['/%', '/%zz', '/%00', '/assets/app.js%00.png', '/a%0Ab', '/%E0%A4%A']) {
      expect((await get(path)).status, path).toBe(400);
    }
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    expect(logged.join('\n')).not.toMatch(/[\x00-\x08\x0b-\x1f]/);
  });

  it('gives 404 for folders and missing files', async () => {
    expect((await get('/assets')).status).toBe(404);
    expect((await get('/nothing.js')).status).toBe(404);
  });
});
