// The renderer's half of the desktop transport, against a stand-in preload API
// that hands over a real MessageChannel's port the way the preload does
// (window.postMessage with STREAM_PORT_KEY), on a small stand-in window.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import {
  STREAM_PORT_KEY,
  type PortClientMessage,
  type PortServerMessage,
  type PreloadApi,
} from '../../electron/contract/preload-api.ts';
import { IpcTransport } from './ipc-transport.ts';

const page = new EventTarget();

beforeEach(() => vi.stubGlobal('window', page));
afterEach(() => vi.unstubAllGlobals());

/** The main process's end of each stream, as the preload would connect it. */
function fakePreload() {
  const mains = new Map<number, { port: MessagePort; got: PortClientMessage[] }>();
  const api: PreloadApi = {
    call: () => Promise.resolve({ ok: true, value: null }),
    onEvent: () => () => {},
    ready: () => {},
    pickFolder: () => Promise.resolve(null),
    saveTransferToFile: () => Promise.resolve({ ok: true, value: null }),
    uploadTransferFromFile: () => Promise.resolve({ ok: true, value: null }),
    uploadDroppedFile: () => Promise.resolve({ ok: true, value: null }),
    openStream: (sid) => {
      const { port1, port2 } = new MessageChannel();
      const got: PortClientMessage[] = [];
      port1.onmessage = (e: MessageEvent<PortClientMessage>) => void got.push(e.data);
      mains.set(sid, { port: port1, got });
      setTimeout(() => {
        const event = new MessageEvent('message', { data: { [STREAM_PORT_KEY]: sid } });
        Object.defineProperty(event, 'source', { value: page });
        Object.defineProperty(event, 'ports', { value: [port2] });
        page.dispatchEvent(event);
      }, 5);
    },
  };
  return { api, main: (sid: number) => mains.get(sid)! };
}

const until = async (check: () => boolean) => {
  const end = Date.now() + 10_000;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('IpcTransport streams', () => {
  it('sends input, resize, acks and cancel on the stream port, input given early included', async () => {
    const preload = fakePreload();
    const transport = new IpcTransport(preload.api);
    const chunks: string[] = [];
    const handle = transport.openStream('engine.log', [{ tail: 0 }], {
      onData: (bytes, ack) => {
        chunks.push(new TextDecoder().decode(bytes));
        ack();
      },
      onEnd: () => {},
    });
    handle.resize(80, 24);
    handle.input('early');
    await until(() => preload.main(1)?.got.length === 2);
    handle.input(new Uint8Array([3]));
    preload.main(1).port.postMessage({ t: 'data', bytes: new Uint8Array([104, 105]) });
    await until(() => preload.main(1).got.length === 4);
    handle.cancel();
    await until(() => preload.main(1).got.length === 5);
    expect(chunks).toEqual(['hi']);
    expect(preload.main(1).got).toEqual([
      { t: 'resize', cols: 80, rows: 24 },
      { t: 'input', data: 'early' },
      { t: 'input', data: new Uint8Array([3]) },
      { t: 'ack', bytes: 2 },
      { t: 'cancel' },
    ]);
    preload.main(1).port.close();
  });

  it("passes the stream's refusals to onRefused and its end to onEnd", async () => {
    const preload = fakePreload();
    const transport = new IpcTransport(preload.api);
    const refused: ErrorEnvelope[] = [];
    const ends: (ErrorEnvelope | undefined)[] = [];
    transport.openStream('engine.log', [{ tail: 0 }], {
      onData: () => {},
      onEnd: (e) => ends.push(e),
      onRefused: (e) => refused.push(e),
    });
    await until(() => preload.main(1) !== undefined);
    const send = (m: PortServerMessage) => preload.main(1).port.postMessage(m);
    send({ t: 'protocol-error', error: { kind: 'bad-request', message: 'no input' } });
    send({ t: 'end' });
    await until(() => ends.length === 1);
    expect(refused.map((e) => e.message)).toEqual(['no input']);
    expect(ends).toEqual([undefined]);
    preload.main(1).port.close();
  });
});
