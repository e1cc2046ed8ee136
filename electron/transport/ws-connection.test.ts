// The WebSocket half of the transport with a real socket pair: back-pressure
// across the wire, cancel, end exactly once, events queued until ready, and
// input and resize flowing back to a stream that takes them.
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeStreamData } from '../contract/frames.ts';
import {
  HIGH_WATERMARK,
  MAX_INPUT_BYTES,
  MAX_PENDING_INPUT_BYTES,
} from '../contract/flow-control.ts';
import { EventHub } from '../services/event-hub.ts';
import { everyStream, type CallHandlers, type ServiceSet } from './dispatcher.ts';
import type { StreamSource } from './stream-pump.ts';
import { connectPeer, until as untilTrue, type WsPeer } from './ws-pair.testkit.ts';

let peer: WsPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

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
  peer = await connectPeer(services);
  return peer;
}

const until = async (check: () => boolean, ms = 2000) => {
  expect(await untilTrue(check, ms)).toBe(true);
};

function servicesWith(
  stream: () => StreamSource | Promise<StreamSource>,
  events = new EventHub(),
): ServiceSet {
  return {
    calls: {} as CallHandlers,
    streams: everyStream(stream),
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

  describe('input and resize', () => {
    /** A terminal stand-in: what goes in comes back out; sizes are recorded. */
    function echoTerminal(sizes: string[]): StreamSource {
      const echo = new PassThrough();
      return {
        output: echo,
        input: echo,
        resize: (cols, rows) => void sizes.push(`${cols}x${rows}`),
      };
    }

    it('delivers text input, binary input and resizes to the stream', async () => {
      const sizes: string[] = [];
      const c = await connect(servicesWith(() => echoTerminal(sizes)));
      c.send({ t: 'open', sid: 7, ch: 'engine.log', args: [{ tail: 0 }] });
      c.send({ t: 'input', sid: 7, data: 'echo héllo\r' });
      c.ws.send(encodeStreamData(7, new Uint8Array([0x03, 0x00, 0xff])));
      c.send({ t: 'resize', sid: 7, cols: 120, rows: 40 });
      await until(() => (c.bytes.get(7)?.length ?? 0) >= Buffer.byteLength('echo héllo\r') + 3);
      expect(c.bytes.get(7)).toEqual(
        Buffer.concat([Buffer.from('echo héllo\r'), Buffer.from([0x03, 0x00, 0xff])]),
      );
      await until(() => sizes.length === 1);
      expect(sizes).toEqual(['120x40']);
      expect(c.text.filter((m) => m.t === 'protocol-error')).toEqual([]);
    });

    it('keeps input and a size sent while the stream is still opening', async () => {
      const sizes: string[] = [];
      let openIt: (s: StreamSource) => void = () => {};
      const c = await connect(servicesWith(() => new Promise<StreamSource>((r) => (openIt = r))));
      c.send({ t: 'open', sid: 8, ch: 'engine.log', args: [{ tail: 0 }] });
      c.send({ t: 'resize', sid: 8, cols: 80, rows: 24 });
      c.send({ t: 'input', sid: 8, data: 'early' });
      await new Promise((r) => setTimeout(r, 50));
      openIt(echoTerminal(sizes));
      await until(() => c.bytes.get(8)?.toString() === 'early');
      await until(() => sizes.length === 1);
      expect(sizes).toEqual(['80x24']);
    });

    it('refuses input past the bound while the stream is still opening', async () => {
      const c = await connect(servicesWith(() => new Promise<StreamSource>(() => {})));
      c.send({ t: 'open', sid: 12, ch: 'engine.log', args: [{ tail: 0 }] });
      const piece = 'z'.repeat(MAX_INPUT_BYTES);
      for (let i = 0; i <= MAX_PENDING_INPUT_BYTES / MAX_INPUT_BYTES; i++) {
        c.send({ t: 'input', sid: 12, data: piece });
      }
      await until(() => c.text.length === 1);
      expect(c.text[0]).toMatchObject({
        t: 'protocol-error',
        sid: 12,
        error: { message: expect.stringContaining('waiting for engine.log to open') },
      });
    });

    it('refuses input to a stream that takes none, naming the stream, and keeps it open', async () => {
      const source = new PassThrough();
      const c = await connect(servicesWith(() => source));
      c.send({ t: 'open', sid: 9, ch: 'engine.log', args: [{ tail: 0 }] });
      await new Promise((r) => setTimeout(r, 20));
      c.send({ t: 'input', sid: 9, data: 'ls\r' });
      c.send({ t: 'resize', sid: 9, cols: 80, rows: 24 });
      await until(() => c.text.filter((m) => m.t === 'protocol-error').length === 2);
      expect(c.text).toEqual([
        {
          t: 'protocol-error',
          sid: 9,
          error: { kind: 'bad-request', message: 'This stream takes no input.' },
        },
        {
          t: 'protocol-error',
          sid: 9,
          error: { kind: 'bad-request', message: 'This stream has no terminal size to change.' },
        },
      ]);
      source.write('log line\n');
      await until(() => c.bytes.get(9)?.toString() === 'log line\n');
      expect(c.text.some((m) => m.t === 'end')).toBe(false);
    });

    it('answers malformed input and resize messages with a protocol error and keeps serving', async () => {
      const sizes: string[] = [];
      const c = await connect(servicesWith(() => echoTerminal(sizes)));
      c.send({ t: 'open', sid: 10, ch: 'engine.log', args: [{ tail: 0 }] });
      const bad = [
        { t: 'input', sid: 10, data: 'x'.repeat(MAX_INPUT_BYTES + 1) },
        { t: 'input', sid: 10, data: 'é'.repeat(MAX_INPUT_BYTES / 2 + 1) },
        { t: 'input', sid: 10, data: [1, 2, 3] },
        { t: 'input', sid: 10 },
        { t: 'resize', sid: 10, cols: 0, rows: 24 },
        { t: 'resize', sid: 10, cols: 80, rows: 1001 },
        { t: 'resize', sid: 10, cols: 80.5, rows: 24 },
        { t: 'resize', sid: 10, cols: '80', rows: 24 },
      ];
      for (const message of bad) c.send(message);
      c.ws.send(encodeStreamData(10, new Uint8Array(MAX_INPUT_BYTES + 1)));
      c.ws.send(new Uint8Array([0, 0]));
      await until(() => c.text.filter((m) => m.t === 'protocol-error').length === bad.length + 2);
      for (const m of c.text) {
        expect(m).toMatchObject({ t: 'protocol-error', error: { kind: 'bad-request' } });
        expect(m).not.toHaveProperty('sid');
      }
      c.send({ t: 'input', sid: 10, data: 'ok' });
      await until(() => c.bytes.get(10)?.toString() === 'ok');
      expect(sizes).toEqual([]);
    });

    it('takes input of exactly the limit in one message', async () => {
      const c = await connect(servicesWith(() => echoTerminal([])));
      c.send({ t: 'open', sid: 11, ch: 'engine.log', args: [{ tail: 0 }] });
      c.send({ t: 'input', sid: 11, data: 'y'.repeat(MAX_INPUT_BYTES) });
      c.ws.send(encodeStreamData(11, new Uint8Array(MAX_INPUT_BYTES)));
      await until(() => (c.bytes.get(11)?.length ?? 0) === 2 * MAX_INPUT_BYTES);
      expect(c.text.filter((m) => m.t === 'protocol-error')).toEqual([]);
    });
  });
});
