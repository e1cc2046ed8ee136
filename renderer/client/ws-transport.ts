// The browser face's transport: one WebSocket to the page's own server,
// reconnected with backoff. The page's session secret travels with the
// upgrade as a subprotocol (browser-session.ts); without one it cannot open.
import { SESSION_PROTOCOL_PREFIX, WS_PROTOCOL } from '../../electron/contract/browser-face.ts';
import { ContractError, type ErrorEnvelope } from '../../electron/contract/errors.ts';
import {
  decodeStreamData,
  encodeStreamData,
  parseServerMessage,
  type ClientMessage,
  type ServerMessage,
} from '../../electron/contract/frames.ts';
import { BrowserSession } from './browser-session.ts';
import {
  StreamOutbox,
  type ConnectionState,
  type StreamHandle,
  type StreamHandlers,
  type StreamInput,
  type Transport,
} from './transport.ts';

const lostConnection: ErrorEnvelope = {
  kind: 'unreachable',
  message: 'Lost the connection to Berth.',
  hint: 'It reconnects by itself; if it does not, check that the app is still running.',
};

export class WebSocketTransport implements Transport {
  #socket: WebSocket | null = null;
  #state: ConnectionState = 'connecting';
  #nextId = 1;
  #retryMs = 250;
  #failures = 0;
  readonly #url: string;
  readonly #session: BrowserSession;
  readonly #pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  readonly #streams = new Map<number, { handlers: StreamHandlers; outbox: StreamOutbox }>();
  readonly #eventListeners = new Set<(channel: string, payload: unknown) => void>();
  readonly #connectionListeners = new Set<(state: ConnectionState) => void>();

  /** Calls made while the page is still connecting wait for the socket (or its first failure). */
  readonly #firstOpen: Promise<void>;
  #settleFirstOpen: () => void = () => {};

  constructor(url: string, session = new BrowserSession()) {
    this.#url = url;
    this.#session = session;
    this.#firstOpen = new Promise((resolve) => (this.#settleFirstOpen = resolve));
    this.#connect();
  }

  get connection(): ConnectionState {
    return this.#state;
  }

  async call(channel: string, args: unknown[]): Promise<unknown> {
    if (this.#state === 'connecting') await this.#firstOpen;
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      if (!this.#send({ t: 'call', id, ch: channel, args })) {
        reject(new ContractError(lostConnection));
        return;
      }
      this.#pending.set(id, { resolve, reject });
    });
  }

  onEvent(listener: (channel: string, payload: unknown) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    this.#connectionListeners.add(listener);
    return () => this.#connectionListeners.delete(listener);
  }

  openStream(channel: string, args: unknown[], handlers: StreamHandlers): StreamHandle {
    const sid = this.#nextId++;
    const outbox = new StreamOutbox(handlers);
    let cancelled = false;
    const open = () => {
      if (cancelled) return;
      if (!this.#send({ t: 'open', sid, ch: channel, args })) {
        outbox.close();
        handlers.onEnd(lostConnection);
        return;
      }
      this.#streams.set(sid, { handlers, outbox });
      // Text goes as an `input` message; bytes as a binary frame, framed like the output.
      outbox.open((message: StreamInput) => {
        if (message.t === 'resize') this.#send({ ...message, sid });
        else if (typeof message.data === 'string')
          this.#send({ t: 'input', sid, data: message.data });
        else this.#sendBytes(encodeStreamData(sid, message.data));
      });
    };
    // Like calls, a stream opened while the page is still connecting waits for the socket.
    if (this.#state === 'connecting') void this.#firstOpen.then(open);
    else queueMicrotask(open);
    return {
      cancel: () => {
        cancelled = true;
        outbox.close();
        if (this.#streams.has(sid)) this.#send({ t: 'cancel', sid });
      },
      input: (data) => outbox.input(data),
      resize: (cols, rows) => outbox.resize(cols, rows),
    };
  }

  #connect(): void {
    void this.#session.secret().then((secret) => {
      if (secret === null) {
        // No session here yet: another tab may still open one with the token.
        if (this.#state !== 'unauthorized') this.#setState('unauthorized');
        this.#retryLater();
        return;
      }
      this.#open(secret);
    });
  }

  #open(secret: string): void {
    const socket = new WebSocket(this.#url, [WS_PROTOCOL, `${SESSION_PROTOCOL_PREFIX}${secret}`]);
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    socket.onopen = () => {
      this.#retryMs = 250;
      this.#failures = 0;
      this.#send({ t: 'ready' });
      this.#setState('open');
    };
    socket.onmessage = (ev: MessageEvent<string | ArrayBuffer>) => this.#receive(ev.data);
    socket.onclose = () => {
      this.#socket = null;
      this.#failEverything();
      this.#failures++;
      // A WebSocket cannot tell why its upgrade failed; after a few tries, ask on
      // each one whether the server still knows this session (it forgets them
      // when restarted, and may come back after the first check found it down).
      if (this.#failures >= 3) void this.#checkSession(secret);
      if (this.#state !== 'unauthorized') this.#setState('closed');
      this.#retryLater();
    };
  }

  #retryLater(): void {
    setTimeout(() => this.#connect(), this.#retryMs);
    this.#retryMs = Math.min(this.#retryMs * 2, 5000);
  }

  #receive(data: string | ArrayBuffer): void {
    if (typeof data !== 'string') {
      const frame = decodeStreamData(new Uint8Array(data));
      if (!frame.ok) return;
      const { sid, bytes } = frame.value;
      this.#streams
        .get(sid)
        ?.handlers.onData(bytes, () => this.#send({ t: 'ack', sid, bytes: bytes.byteLength }));
      return;
    }
    const parsed = parseServerMessage(data);
    if (!parsed.ok) {
      console.error('[transport]', parsed.error.message);
      return;
    }
    this.#dispatch(parsed.value);
  }

  #dispatch(message: ServerMessage): void {
    switch (message.t) {
      case 'result':
        this.#pending.get(message.id)?.resolve(message.value);
        this.#pending.delete(message.id);
        return;
      case 'error':
        this.#pending.get(message.id)?.reject(new ContractError(message.error));
        this.#pending.delete(message.id);
        return;
      case 'event':
        for (const listener of this.#eventListeners) listener(message.ch, message.payload);
        return;
      case 'end': {
        const stream = this.#streams.get(message.sid);
        this.#streams.delete(message.sid);
        stream?.outbox.close();
        stream?.handlers.onEnd(message.error);
        return;
      }
      case 'protocol-error': {
        // With a sid: input or a resize that stream refused; it goes on.
        const stream = message.sid === undefined ? undefined : this.#streams.get(message.sid);
        if (stream?.handlers.onRefused) stream.handlers.onRefused(message.error);
        else
          console.error('[transport] the server could not take a message:', message.error.message);
        return;
      }
    }
  }

  #send(message: ClientMessage): boolean {
    if (this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(JSON.stringify(message));
    return true;
  }

  #sendBytes(frame: Uint8Array<ArrayBuffer>): boolean {
    if (this.#socket?.readyState !== WebSocket.OPEN) return false;
    this.#socket.send(frame);
    return true;
  }

  async #checkSession(secret: string): Promise<void> {
    // Undefined: the server is down altogether; stay 'closed' and keep retrying.
    if ((await this.#session.isKnown(secret)) === false) this.#setState('unauthorized');
  }

  #failEverything(): void {
    for (const { reject } of this.#pending.values()) reject(new ContractError(lostConnection));
    this.#pending.clear();
    for (const { handlers, outbox } of this.#streams.values()) {
      outbox.close();
      handlers.onEnd(lostConnection);
    }
    this.#streams.clear();
  }

  #setState(state: ConnectionState): void {
    this.#state = state;
    this.#settleFirstOpen();
    for (const listener of this.#connectionListeners) listener(state);
  }
}
