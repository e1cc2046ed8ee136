// The renderer's side of a contract stream of lines, in one place: decode each
// chunk into whole lines (one splitter per stream), ack once the lines are
// handled, cancel when told, ignore whatever a cancelled stream still sends,
// and reopen after the connection comes back. No React here: the hooks in
// use-stream.ts wrap it.
import type { StreamArgs, StreamChannel } from '../electron/contract/channels.ts';
import type { ErrorEnvelope } from '../electron/contract/errors.ts';
import { LineSplitter } from '../electron/contract/line-splitter.ts';
import type { ConnectionState, StreamHandle, StreamHandlers } from './client/transport.ts';

/** What a feed needs of the contract client. */
export interface StreamClient {
  stream<K extends StreamChannel>(
    channel: K,
    args: StreamArgs<K>,
    handlers: StreamHandlers,
  ): StreamHandle;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  readonly connection: ConnectionState;
}

export interface LineHandlers<K extends StreamChannel> {
  /** The stream is being (re)opened with `args`: forget what an earlier one built. */
  onOpen?(args: StreamArgs<K>): void;
  /** The whole lines of one chunk (never empty), before the chunk is acknowledged. */
  onLines(lines: string[]): void;
  /** The stream ended by itself; `error` says why. Not called after close() or a reopen. */
  onEnd?(error?: ErrorEnvelope): void;
  /** close() was called: the stream (open or ended) will not come back. */
  onClose?(): void;
}

/** At most one open stream of `channel` at a time. */
export class StreamFeed<K extends StreamChannel> {
  readonly #client: StreamClient;
  readonly #channel: K;
  /** Identifies the current stream; callbacks of any other are stale. */
  #current: object | null = null;
  #handle: StreamHandle | null = null;
  /** What to reopen after a reconnect: the last stream opened and not closed. */
  #last: { args: StreamArgs<K>; handlers: LineHandlers<K> } | null = null;

  constructor(client: StreamClient, channel: K) {
    this.#client = client;
    this.#channel = channel;
  }

  /** A stream is open and has not ended. */
  get streaming(): boolean {
    return this.#handle !== null;
  }

  /** Opens a stream, cancelling the one open before. */
  open(args: StreamArgs<K>, handlers: LineHandlers<K>): void {
    this.#cancel();
    const token = {};
    this.#current = token;
    this.#last = { args, handlers };
    handlers.onOpen?.(args);
    const lines = new LineSplitter();
    let ended = false;
    const handle = this.#client.stream(this.#channel, args, {
      onData: (bytes, ack) => {
        if (this.#current !== token) return;
        const whole = lines.push(bytes);
        if (whole.length) handlers.onLines(whole);
        ack();
      },
      onEnd: (error) => {
        if (this.#current !== token) return;
        ended = true;
        this.#handle = null;
        const rest = lines.end();
        if (rest.length) handlers.onLines(rest);
        handlers.onEnd?.(error);
      },
    });
    // A transport may end a stream before returning its handle (no connection).
    if (!ended && this.#current === token) this.#handle = handle;
  }

  /** Cancels the stream, if any; nothing it still sends is handed out, and it is not reopened. */
  close(): void {
    const last = this.#last;
    this.#cancel();
    this.#last = null;
    last?.handlers.onClose?.();
  }

  /**
   * Reopens the last stream (same args and handlers) each time the connection
   * comes back after being lost; returns the unsubscribe.
   */
  reopenAfterReconnect(): () => void {
    let wasOpen = this.#client.connection === 'open';
    return this.#client.onConnection((state) => {
      const last = this.#last;
      if (state === 'open' && !wasOpen && last) this.open(last.args, last.handlers);
      wasOpen = state === 'open';
    });
  }

  #cancel(): void {
    this.#current = null;
    this.#handle?.cancel();
    this.#handle = null;
  }
}
