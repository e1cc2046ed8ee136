// The desktop face's transport: the preload's contextBridge API for calls and
// events, and a MessagePort per stream. It cannot run on our machines (no
// Electron binary); it is type-checked and kept as thin as the WebSocket one.
import { ContractError } from '../../electron/contract/errors.ts';
import {
  STREAM_PORT_KEY,
  type PortMessage,
  type PreloadApi,
} from '../../electron/contract/preload-api.ts';
import type { ConnectionState, StreamHandle, StreamHandlers, Transport } from './transport.ts';

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
    let port: MessagePort | null = null;
    let cancelled = false;
    const onWindowMessage = (ev: MessageEvent) => {
      if (ev.source !== window || (ev.data as Record<string, unknown>)?.[STREAM_PORT_KEY] !== sid)
        return;
      window.removeEventListener('message', onWindowMessage);
      port = ev.ports[0] ?? null;
      if (!port) return;
      if (cancelled) port.postMessage({ t: 'cancel' } satisfies PortMessage);
      port.onmessage = (msg: MessageEvent<PortMessage>) => {
        const m = msg.data;
        if (m.t === 'data') {
          handlers.onData(m.bytes, () =>
            port?.postMessage({ t: 'ack', bytes: m.bytes.byteLength } satisfies PortMessage),
          );
        } else if (m.t === 'end') {
          handlers.onEnd(m.error);
          port?.close();
        }
      };
    };
    window.addEventListener('message', onWindowMessage);
    this.#api.openStream(sid, channel, args);
    return {
      cancel: () => {
        cancelled = true;
        port?.postMessage({ t: 'cancel' } satisfies PortMessage);
      },
    };
  }
}
