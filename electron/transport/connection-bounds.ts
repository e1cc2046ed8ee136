// What one connection (a WebSocket, or the desktop window's IPC) may hold at
// once, shared by both transports. Without a cap, 3,000 calls sent together
// opened 3,025 engine sockets and 1,000 stats streams 1,027. Calls past the
// running cap wait their turn (a "Stop selected" on 200 rows is legitimate);
// past the waiting cap, and for streams past theirs, the answer is a refusal.
// Every error envelope leaving through here is cut to a few KB: an engine or a
// schema can echo megabytes back, and one reply must not block the loop.
import type { ErrorEnvelope } from '../contract/errors.ts';
import type { CallReply, Dispatcher } from './dispatcher.ts';
import type { StreamControl, StreamSink } from './stream-pump.ts';

interface ConnectionLimits {
  /** Calls running at once. */
  calls: number;
  /** Calls waiting for a running one to finish. */
  waitingCalls: number;
  /** Streams open at once, from `open` until their `end`. */
  streams: number;
}

export const CONNECTION_LIMITS: ConnectionLimits = { calls: 64, waitingCalls: 1024, streams: 32 };

/** The longest message or engineMessage an error reply carries; hint and step get less. */
export const MAX_ERROR_TEXT = 2000;
const MAX_SHORT_TEXT = 500;

type Turn = 'run' | 'full' | 'closed';

const idle: StreamControl = { ack() {}, cancel() {}, input() {}, resize() {} };

export class BoundedConnection {
  readonly #dispatcher: Dispatcher;
  readonly #limits: ConnectionLimits;
  #running = 0;
  /** Each is woken with 'run' when it is handed a running slot, or 'closed'. */
  readonly #waiting: ((turn: Turn) => void)[] = [];
  #streams = 0;
  #closed = false;

  constructor(dispatcher: Dispatcher, limits: ConnectionLimits = CONNECTION_LIMITS) {
    this.#dispatcher = dispatcher;
    this.#limits = limits;
  }

  async call(channel: string, args: unknown): Promise<CallReply> {
    const turn = await this.#acquire();
    if (turn === 'full') {
      const { calls, waitingCalls } = this.#limits;
      return refusal(
        `Too many calls at once on this connection (limit ${calls} running and ${waitingCalls} waiting).`,
      );
    }
    if (turn === 'closed') return refusal('The connection closed before this call could run.');
    try {
      const reply = await this.#dispatcher.call(channel, args);
      return reply.ok ? reply : { ok: false, error: boundEnvelope(reply.error) };
    } finally {
      this.#release();
    }
  }

  openStream(channel: string, args: unknown, sink: StreamSink): StreamControl {
    if (this.#streams >= this.#limits.streams) {
      const message = `Too many streams open at once on this connection (limit ${this.#limits.streams}).`;
      sink.end({
        kind: 'bad-request',
        message,
        hint: 'Close a view that streams, then try again.',
      });
      return idle;
    }
    this.#streams++;
    let open = true;
    return this.#dispatcher.openStream(channel, args, {
      data: (bytes) => sink.data(bytes),
      end: (error) => {
        if (open) this.#streams--;
        open = false;
        sink.end(error && boundEnvelope(error));
      },
      refused: (error) => sink.refused?.(boundEnvelope(error)),
    });
  }

  /** The peer is gone: calls still waiting never run. */
  close(): void {
    this.#closed = true;
    for (const wake of this.#waiting.splice(0)) wake('closed');
  }

  #acquire(): Promise<Turn> {
    if (this.#closed) return Promise.resolve('closed');
    if (this.#running < this.#limits.calls) {
      this.#running++;
      return Promise.resolve('run');
    }
    if (this.#waiting.length >= this.#limits.waitingCalls) return Promise.resolve('full');
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    // The slot passes straight to the next waiting call, so a new call can never slip in between.
    const next = this.#waiting.shift();
    if (next) next('run');
    else this.#running--;
  }
}

/** The envelope with each text cut to a few KB, and nothing but the envelope's own fields. */
export function boundEnvelope(e: ErrorEnvelope): ErrorEnvelope {
  const bounded: ErrorEnvelope = { kind: e.kind, message: clip(e.message, MAX_ERROR_TEXT) };
  if (e.engineMessage !== undefined) bounded.engineMessage = clip(e.engineMessage, MAX_ERROR_TEXT);
  if (e.status !== undefined) bounded.status = e.status;
  if (e.step !== undefined) bounded.step = clip(e.step, MAX_SHORT_TEXT);
  if (e.hint !== undefined) bounded.hint = clip(e.hint, MAX_SHORT_TEXT);
  // The key an SSH host offered: the "Trust this host?" dialog shows it and sends it back.
  if (e.hostKey !== undefined) {
    const k = e.hostKey;
    bounded.hostKey = {
      host: clip(k.host, MAX_SHORT_TEXT),
      port: Number(k.port),
      keyType: clip(k.keyType, MAX_SHORT_TEXT),
      bits: Number(k.bits),
      label: clip(k.label, MAX_SHORT_TEXT),
      fingerprint: clip(k.fingerprint, MAX_SHORT_TEXT),
      ...(k.knownHostsFile !== undefined
        ? { knownHostsFile: clip(k.knownHostsFile, MAX_SHORT_TEXT) }
        : {}),
      ...(k.line !== undefined ? { line: Number(k.line) } : {}),
    };
  }
  return bounded;
}

function clip(text: string, max: number): string {
  const s = String(text);
  if (s.length <= max) return s;
  let cut = max - 1;
  // Never leave half of a surrogate pair before the ellipsis.
  const last = s.charCodeAt(cut - 1);
  if (last >= 0xd800 && last < 0xdc00) cut--;
  return `${s.slice(0, cut)}…`;
}

function refusal(message: string): CallReply {
  return { ok: false, error: { kind: 'bad-request', message } };
}
