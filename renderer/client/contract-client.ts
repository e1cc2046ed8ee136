// The renderer's only door to the app: typed calls, events and streams over
// whichever transport this face has. Stores use this, never a transport.
import type {
  CallArgs,
  CallChannel,
  CallResult,
  EventChannel,
  Events,
  StreamArgs,
  StreamChannel,
} from '../../electron/contract/channels.ts';
import { PRELOAD_GLOBAL, type PreloadApi } from '../../electron/contract/preload-api.ts';
import { IpcTransport } from './ipc-transport.ts';
import type { ConnectionState, StreamHandle, StreamHandlers, Transport } from './transport.ts';
import { WebSocketTransport } from './ws-transport.ts';

class ContractClient {
  readonly #transport: Transport;

  constructor(transport: Transport) {
    this.#transport = transport;
  }

  call<K extends CallChannel>(channel: K, ...args: CallArgs<K>): Promise<CallResult<K>> {
    return this.#transport.call(channel, args) as Promise<CallResult<K>>;
  }

  on<K extends EventChannel>(channel: K, listener: (payload: Events[K]) => void): () => void {
    return this.#transport.onEvent((ch, payload) => {
      if (ch === channel) listener(payload as Events[K]);
    });
  }

  stream<K extends StreamChannel>(
    channel: K,
    args: StreamArgs<K>,
    handlers: StreamHandlers,
  ): StreamHandle {
    return this.#transport.openStream(channel, args, handlers);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    return this.#transport.onConnection(listener);
  }

  get connection(): ConnectionState {
    return this.#transport.connection;
  }
}

let client: ContractClient | undefined;

/** The preload's API in the desktop window; undefined in a browser. */
export function desktopApi(): PreloadApi | undefined {
  return (window as unknown as Record<string, PreloadApi | undefined>)[PRELOAD_GLOBAL];
}

/** The one client of this page: IPC in the desktop window, a WebSocket in a browser. */
export function getClient(): ContractClient {
  if (!client) {
    const api = desktopApi();
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    client = new ContractClient(
      api ? new IpcTransport(api) : new WebSocketTransport(`${scheme}//${location.host}/ws`),
    );
  }
  return client;
}
