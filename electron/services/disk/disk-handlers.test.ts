import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { engineClient } from '../engine-client.ts';
import { diskHandlers } from './disk-handlers.ts';

let server: Server | undefined;
const sockets: Socket[] = [];
let dir = '';

afterEach(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('disk.usage', () => {
  it('gives up on an engine that never answers /system/df, saying so', async () => {
    dir = await mkdtemp(join(tmpdir(), 'berth-df-'));
    const path = join(dir, 'docker.sock');
    // Takes the request and says nothing, as a hung engine does.
    server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => server!.listen(path, r));
    const docker = engineClient(`unix://${path}`);
    const handlers = diskHandlers({
      calls: () => docker,
      streams: () => docker,
      knownApiVersion: () => '1.41',
      dfDeadlineMs: 300,
    });
    const started = Date.now();
    await expect(handlers['disk.usage']()).rejects.toMatchObject({
      envelope: { kind: 'timeout', message: expect.stringContaining('did not say') },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
