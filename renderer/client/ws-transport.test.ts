// The browser face's stream handle on a stand-in WebSocket that records what
// the page sends: input as text messages or binary frames, resize, and what a
// refusal or an end does to the handle.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import { decodeStreamData, type ServerMessage } from '../../electron/contract/frames.ts';
import type { BrowserSession } from './browser-session.ts';
import { WebSocketTransport } from './ws-transport.ts';

/** A page that already holds its session secret (browser-session.ts is tested on its own). */
const signedIn = {
  secret: async () => 'ab'.repeat(32),
  isKnown: async () => true,
} as unknown as BrowserSession;

class FakeSocket {
  static readonly OPEN = 1;
  static last: FakeSocket | undefined;
  readonly OPEN = 1;
  readyState = 0;
  binaryType = 'blob';
  sent: (string | Uint8Array)[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((ev: { data: string | ArrayBuffer }) => void) | null = null;

  constructor() {
    FakeSocket.last = this;
    setTimeout(() => {
      this.readyState = 1;
      this.onopen?.();
    }, 1);
  }

  send(data: string | Uint8Array) {
    this.sent.push(data);
  }

  receive(message: ServerMessage) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  /** What the page sent about streams, text parsed and binary frames decoded. */
  streamTraffic(): object[] {
    return this.sent.flatMap((m): object[] => {
      if (typeof m !== 'string') {
        const frame = decodeStreamData(m);
        return frame.ok ? [{ binary: frame.value.sid, bytes: [...frame.value.bytes] }] : [];
      }
      const parsed = JSON.parse(m) as { t: string };
      return ['open', 'input', 'resize', 'cancel', 'ack'].includes(parsed.t) ? [parsed] : [];
    });
  }
}

beforeEach(() => vi.stubGlobal('WebSocket', FakeSocket));
afterEach(() => vi.unstubAllGlobals());

const tick = () => new Promise((r) => setTimeout(r, 10));

describe('WebSocketTransport streams', () => {
  it('sends input and a size given before the stream opened right after its open', async () => {
    const transport = new WebSocketTransport('ws://berth.test/ws', signedIn);
    const handle = transport.openStream('engine.log', [{ tail: 0 }], {
      onData: () => {},
      onEnd: () => {},
    });
    handle.input('ls\r');
    handle.resize(120, 40);
    handle.input(new Uint8Array([3]));
    await tick();
    const socket = FakeSocket.last!;
    const sid = (socket.streamTraffic()[0] as { sid: number }).sid;
    expect(socket.streamTraffic()).toEqual([
      { t: 'open', sid, ch: 'engine.log', args: [{ tail: 0 }] },
      { t: 'resize', sid, cols: 120, rows: 40 },
      { t: 'input', sid, data: 'ls\r' },
      { binary: sid, bytes: [3] },
    ]);
  });

  it('gives a refusal naming the stream to its onRefused, and sends nothing after its end', async () => {
    const transport = new WebSocketTransport('ws://berth.test/ws', signedIn);
    const refused: ErrorEnvelope[] = [];
    const handle = transport.openStream('engine.log', [{ tail: 0 }], {
      onData: () => {},
      onEnd: () => {},
      onRefused: (e) => refused.push(e),
    });
    await tick();
    const socket = FakeSocket.last!;
    const sid = (socket.streamTraffic()[0] as { sid: number }).sid;
    const error = { kind: 'bad-request' as const, message: 'This stream takes no input.' };
    socket.receive({ t: 'protocol-error', sid, error });
    expect(refused).toEqual([error]);
    socket.receive({ t: 'end', sid });
    handle.input('late');
    handle.resize(80, 24);
    expect(socket.streamTraffic()).toHaveLength(1);
  });
});
