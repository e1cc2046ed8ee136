// Names from the renderer that would climb out of an engine path: refused by
// the contract's schemas before any request, and even past the schemas the
// engine client neither follows the engine's redirect to another host nor
// lets a failed request escape as an unhandled error. The canary: a listener
// on another loopback port that must never see a connection.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import type { AppServices } from '../../electron/services/app-services.ts';
import { engineClient } from '../../electron/services/engine-client.ts';
import type { Dispatcher } from '../../electron/transport/dispatcher.ts';
import { busyboxImage } from '../helpers/busybox-image.ts';
import type { TestEngine } from '../helpers/managed-engine.ts';
import { startEngineServices, type EngineServices } from '../helpers/engine-services.ts';

let env: EngineServices;
let engine: TestEngine;
let services: AppServices;
let dispatcher: Dispatcher;
let canary: Server;
let canaryPort: number;
const canaryHits: string[] = [];

beforeAll(async () => {
  env = await startEngineServices({ name: 'refs' });
  ({ engine, services, dispatcher } = env);
  // It answers like an engine would, so a client that followed a redirect here
  // would get a plausible reply rather than fail by accident.
  canary = createServer((socket) => {
    canaryHits.push('connection');
    socket.once('data', (d) => {
      canaryHits.push(d.toString('latin1').split('\r\n')[0] ?? '');
      socket.end(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
      );
    });
  });
  await new Promise<void>((resolve) => canary.listen(0, '127.0.0.1', resolve));
  canaryPort = (canary.address() as { port: number }).port;
});

afterAll(async () => {
  canary?.close();
  await env?.dispose();
});

const crafted = () => [
  `x/../../127.0.0.1:${canaryPort}/probe`,
  '..',
  '%2e%2e',
  'busybox?force=1',
  'busybox#x',
  'busybox\nHost: 127.0.0.1',
];

function openPull(ref: string): Promise<ErrorEnvelope | undefined> {
  return new Promise((resolve) => {
    dispatcher.openStream('images.pull', [{ ref }], { data: () => {}, end: resolve });
  });
}

describe('crafted image references', () => {
  it('are answered with a clear bad-request on every image channel, and nothing is asked', async () => {
    for (const ref of crafted()) {
      for (const [channel, args] of [
        ['images.inspect', [ref]],
        ['images.remove', [ref, { force: true }]],
      ] as const) {
        const reply = await dispatcher.call(channel, args);
        expect(reply.ok, `${channel} ${JSON.stringify(ref)}`).toBe(false);
        if (!reply.ok) {
          expect(reply.error.kind).toBe('bad-request');
          expect(reply.error.message).toMatch(/image reference|no spaces/);
        }
      }
      expect((await openPull(ref))?.kind).toBe('bad-request');
    }
    expect(canaryHits).toEqual([]);
  });

  it('past the schemas, still never reach another host and fail as a plain error', async () => {
    const ref = `x/../../127.0.0.1:${canaryPort}/probe`;
    await expect(services.calls['images.inspect'](ref)).rejects.toMatchObject({
      envelope: { kind: expect.any(String) },
    });
    // The raw path, unencoded: the engine cleans it and answers with a redirect.
    const docker = engineClient(engine.endpoint, { timeoutMs: 10_000 });
    const raw = new Promise((resolve, reject) =>
      docker.modem.dial(
        { path: `/images/${ref}/json`, method: 'GET', statusCodes: { 200: true } },
        (err: unknown, data: unknown) => (err ? reject(err) : resolve(data)),
      ),
    );
    await expect(raw).rejects.toBeDefined();
    expect(canaryHits).toEqual([]);
  });

  it('leave the server serving', async () => {
    const reply = await dispatcher.call('images.inspect', [busyboxImage]);
    expect(reply).toMatchObject({ ok: true, value: { repoTags: [busyboxImage] } });
    expect(canaryHits).toEqual([]);
  });
});
