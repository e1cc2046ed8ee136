// The WebSocket half of the transport with a real socket pair: back-pressure
// across the wire, cancel, end exactly once, and events queued until ready.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { decodeStreamData, type ServerMessage } from '../contract/frames.ts';
import { HIGH_WATERMARK } from '../contract/flow-control.ts';
import { EventHub } from '../services/event-hub.ts';
import { Dispatcher, type CallHandlers, type ServiceSet } from './dispatcher.ts';
import { serveWebSocket } from './ws-connection.ts';

let server: Server | undefined;
afterEach(() => server?.close());

/** A stream service that writes `total` bytes as fast as the pump lets it. */
function bytesSource(total: number, produced: { bytes: number }): Readable {
  return new Readable({
    read() {
      if (produced.bytes >= total) {
        this.push(null);
        return;
      }
      const chunk = Buffer.alloc(Math.min(16 * 1024, total - produced.bytes), 120);
      produced.bytes += chunk.length;
      this.push(chunk);
    },
  });
}

async function connect(services: ServiceSet) {
  server = createServer();
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) => serveWebSocket(ws, new Dispatcher(services)));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  await new Promise((r) => ws.once('open', r));
  const text: ServerMessage[] = [];
  let received = 0;
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) received += decodeStreamData(new Uint8Array(data)).ok ? data.length - 4 : 0;
    else text.push(JSON.parse(data.toString()) as ServerMessage);
  });
  return { ws, text, received: () => received };
}

const until = async (check: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

function servicesWith(stream: () => Readable, events = new EventHub()): ServiceSet {
  return {
    calls: {} as CallHandlers,
    streams: { 'engine.log': stream, 'images.pull': stream, 'containers.stats': stream },
    events,
  };
}

describe('serveWebSocket', () => {
  it('pauses a stream the page does not acknowledge, and resumes it as acks arrive', async () => {
    const produced = { bytes: 0 };
    const total = 2_000_000;
    const c = await connect(servicesWith(() => bytesSource(total, produced)));
    c.ws.send(JSON.stringify({ t: 'open', sid: 1, ch: 'engine.log', args: [{ tail: 0 }] }));
    await new Promise((r) => setTimeout(r, 300));
    // Without acks the producer stops near the high watermark, far from the total.
    expect(c.received()).toBeLessThan(HIGH_WATERMARK * 3);
    expect(produced.bytes).toBeLessThan(total / 2);

    let acked = 0;
    while (c.received() < total) {
      const owed = c.received() - acked;
      if (owed > 0) {
        c.ws.send(JSON.stringify({ t: 'ack', sid: 1, bytes: owed }));
        acked += owed;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await until(() => c.text.some((m) => m.t === 'end' && m.sid === 1));
    expect(c.received()).toBe(total);
    expect(c.text.filter((m) => m.t === 'end')).toHaveLength(1);
    c.ws.close();
  });

  it('ends a cancelled stream exactly once and stops its source', async () => {
    const produced = { bytes: 0 };
    let source: Readable | undefined;
    const c = await connect(servicesWith(() => (source = bytesSource(10_000_000, produced))));
    c.ws.send(JSON.stringify({ t: 'open', sid: 2, ch: 'engine.log', args: [{ tail: 0 }] }));
    await until(() => c.received() > 0);
    c.ws.send(JSON.stringify({ t: 'cancel', sid: 2 }));
    c.ws.send(JSON.stringify({ t: 'cancel', sid: 2 }));
    await until(() => c.text.some((m) => m.t === 'end'));
    await new Promise((r) => setTimeout(r, 50));
    expect(c.text.filter((m) => m.t === 'end')).toHaveLength(1);
    expect(source?.destroyed).toBe(true);
    c.ws.close();
  });

  it('holds events until the page says it is ready, then sends them in order', async () => {
    const events = new EventHub();
    const c = await connect(servicesWith(() => Readable.from([]), events));
    await new Promise((r) => setTimeout(r, 20));
    events.emit('engine.candidates', []);
    events.emit('containers.delta', {
      engineId: 'e',
      seq: 1,
      reset: true,
      upserts: [],
      removed: [],
    });
    await new Promise((r) => setTimeout(r, 30));
    expect(c.text).toHaveLength(0);
    c.ws.send(JSON.stringify({ t: 'ready' }));
    await until(() => c.text.length === 2);
    expect(c.text.map((m) => (m.t === 'event' ? m.ch : m.t))).toEqual([
      'engine.candidates',
      'containers.delta',
    ]);
    c.ws.close();
  });

  it('cancels the streams of a connection that closes', async () => {
    let source: Readable | undefined;
    const c = await connect(servicesWith(() => (source = bytesSource(10_000_000, { bytes: 0 }))));
    c.ws.send(JSON.stringify({ t: 'open', sid: 3, ch: 'engine.log', args: [{ tail: 0 }] }));
    await until(() => c.received() > 0);
    c.ws.close();
    await until(() => source?.destroyed === true);
  });
});
