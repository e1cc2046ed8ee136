// What the contract client needs from a transport. Two implement it: the
// WebSocket one (browser face) and the IPC one (Electron preload).
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import {
  MAX_INPUT_BYTES,
  MAX_PENDING_INPUT_BYTES,
  MAX_TERMINAL_CELLS,
} from '../../electron/contract/flow-control.ts';
import { utf8Length } from '../../electron/contract/frames.ts';

/** `unauthorized`: the server no longer knows this page's session (it was restarted). */
export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

export interface StreamHandlers {
  /** Call `ack(bytes.byteLength)` once the bytes are processed (after xterm's write callback). */
  onData(bytes: Uint8Array, ack: () => void): void;
  onEnd(error?: ErrorEnvelope): void;
  /**
   * Input or a resize the stream refused (it takes none, or too much input is
   * waiting); the stream goes on. Logged when not given.
   */
  onRefused?(error: ErrorEnvelope): void;
}

export interface StreamHandle {
  cancel(): void;
  /** Keystrokes or a paste for the stream's input (a terminal's stdin). */
  input(data: string | Uint8Array): void;
  /** The terminal's size in character cells; each is kept within 1..MAX_TERMINAL_CELLS. */
  resize(cols: number, rows: number): void;
}

export interface Transport {
  /** Resolves with the value, or rejects with a ContractError. */
  call(channel: string, args: unknown[]): Promise<unknown>;
  onEvent(listener: (channel: string, payload: unknown) => void): () => void;
  openStream(channel: string, args: unknown[], handlers: StreamHandlers): StreamHandle;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  readonly connection: ConnectionState;
}

/** One message toward a stream, as both transports carry it. */
export type StreamInput =
  { t: 'input'; data: string | Uint8Array } | { t: 'resize'; cols: number; rows: number };

/**
 * The sending half of a stream handle, shared by both transports: input is cut
 * into messages of at most MAX_INPUT_BYTES, and what is given before the stream
 * is open waits (input up to MAX_PENDING_INPUT_BYTES, and only the latest size).
 * A single input bigger than that bound is refused whole rather than half sent.
 */
export class StreamOutbox {
  #send: ((message: StreamInput) => void) | null = null;
  #closed = false;
  #waiting: (string | Uint8Array)[] = [];
  #waitingBytes = 0;
  #size: StreamInput | undefined;
  readonly #refuse: (error: ErrorEnvelope) => void;

  constructor(handlers: StreamHandlers) {
    this.#refuse = (error) => {
      if (handlers.onRefused) handlers.onRefused(error);
      else console.warn('[transport] the stream refused:', error.message);
    };
  }

  input(data: string | Uint8Array): void {
    if (this.#closed) return;
    const bytes = typeof data === 'string' ? utf8Length(data) : data.byteLength;
    if (bytes === 0) return;
    if (bytes > MAX_PENDING_INPUT_BYTES || this.#waitingBytes + bytes > MAX_PENDING_INPUT_BYTES) {
      this.#refuse({
        kind: 'bad-request',
        message: `Too much input at once (limit ${MAX_PENDING_INPUT_BYTES} bytes).`,
      });
      return;
    }
    const pieces = bytes <= MAX_INPUT_BYTES ? [data] : piecesOf(data);
    if (this.#send) {
      for (const piece of pieces) this.#send({ t: 'input', data: piece });
      return;
    }
    this.#waiting.push(...pieces);
    this.#waitingBytes += bytes;
  }

  resize(cols: number, rows: number): void {
    if (this.#closed || !Number.isFinite(cols) || !Number.isFinite(rows)) return;
    const message: StreamInput = { t: 'resize', cols: cells(cols), rows: cells(rows) };
    if (this.#send) this.#send(message);
    else this.#size = message;
  }

  /** The stream is open: what waited goes out, in order, and later input at once. */
  open(send: (message: StreamInput) => void): void {
    if (this.#closed) return;
    this.#send = send;
    if (this.#size) send(this.#size);
    for (const data of this.#waiting) send({ t: 'input', data });
    this.#waiting = [];
    this.#waitingBytes = 0;
    this.#size = undefined;
  }

  /** The stream ended or was cancelled: nothing more goes out. */
  close(): void {
    this.#closed = true;
    this.#send = null;
    this.#waiting = [];
    this.#size = undefined;
  }
}

function cells(n: number): number {
  return Math.min(MAX_TERMINAL_CELLS, Math.max(1, Math.floor(n)));
}

/** Cuts input into MAX_INPUT_BYTES pieces; the program reads bytes, so a character may span two. */
function piecesOf(data: string | Uint8Array): Uint8Array[] {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const pieces: Uint8Array[] = [];
  for (let at = 0; at < bytes.byteLength; at += MAX_INPUT_BYTES) {
    pieces.push(bytes.subarray(at, at + MAX_INPUT_BYTES));
  }
  return pieces;
}
