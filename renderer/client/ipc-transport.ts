// The desktop face's transport: the preload's contextBridge API for calls and
// events, and a MessagePort per stream. Electron cannot start on our machines;
// the preload and main halves run in electron/shell/ipc-bridge.test.ts, and
// this half is kept as thin as the WebSocket one.
import { ContractError } from '../../electron/contract/errors.ts';
import {
  STREAM_PORT_KEY,
  type PortClientMessage,
  type PortServerMessage,
  type PreloadApi,
} from '../../electron/contract/preload-api.ts';
import {
  StreamOutbox,
  type ConnectionState,
  type StreamHandle,
  type StreamHandlers,
  type Transport,
} from './transport.ts';

export class IpcTransport implements Transport {
  readonly connection: ConnectionState = 'open';
  readonly #api: PreloadApi;
  #nextSid = 1;

  constructor(api: PreloadApi) {
    this.#api = api;
    api.ready();
  }

  async call(channel: string, args: unknown[]): Promise<unknown> {
    const reply = await this.#api.call(channel, args);
    if (!reply.ok) throw new ContractError(reply.error);
    return reply.value;
  }

  onEvent(listener: (channel: string, payload: unknown) => void): () => void {
    return this.#api.onEvent(listener);
  }

  onConnection(_listener: (state: ConnectionState) => void): () => void {
    return () => {};
  }

  openStream(channel: string, args: unknown[], handlers: StreamHandlers): StreamHandle {
    const sid = this.#nextSid++;
    const outbox = new StreamOutbox(handlers);
    let port: MessagePort | null = null;
    let cancelled = false;
    const post = (message: PortClientMessage) => port?.postMessage(message);
    const onWindowMessage = (ev: MessageEvent) => {
      if (ev.source !== window || (ev.data as Record<string, unknown>)?.[STREAM_PORT_KEY] !== sid)
        return;
      window.removeEventListener('message', onWindowMessage);
      port = ev.ports[0] ?? null;
      if (!port) return;
      if (cancelled) post({ t: 'cancel' });
      port.onmessage = (msg: MessageEvent<PortServerMessage>) => {
        const m = msg.data;
        if (m.t === 'data') {
          handlers.onData(m.bytes, () => post({ t: 'ack', bytes: m.bytes.byteLength }));
        } else if (m.t === 'end') {
          outbox.close();
          handlers.onEnd(m.error);
          port?.close();
        } else if (m.t === 'protocol-error') {
          if (handlers.onRefused) handlers.onRefused(m.error);
          else console.warn('[transport] the stream refused:', m.error.message);
        }
      };
      outbox.open(post);
    };
    window.addEventListener('message', onWindowMessage);
    this.#api.openStream(sid, channel, args);
    return {
      cancel: () => {
        cancelled = true;
        outbox.close();
        post({ t: 'cancel' });
      },
      input: (data) => outbox.input(data),
      resize: (cols, rows) => outbox.resize(cols, rows),
    };
  }
}
