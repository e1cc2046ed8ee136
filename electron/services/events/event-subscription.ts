// One `/events` subscription per engine. When the stream breaks it reconnects
// with `since` = the last event's time, drops the events it has already seen
// (the engine replays the boundary), and tells the owner to re-list so the
// stores heal: the engine keeps only a few hundred past events, and a restarted
// engine none.
import { LineSplitter } from '../../contract/line-splitter.ts';
import { BoundedSet } from '../bounded-set.ts';
import { eventKey, normalizeEvent, sinceOf, type EngineEvent } from './engine-event.ts';

interface EventSubscriptionOptions {
  /** Opens the raw `/events` stream, starting at `since` when given. */
  open(since: string | undefined): Promise<NodeJS.ReadableStream>;
  /** `raw`: the line as the engine sent it (the events log exports it unchanged). */
  onEvent(event: EngineEvent, raw: string): void;
  /** The stream is (re)connected: re-list now, since events may have been missed. */
  onConnected(): void;
  onDisconnected(reason: string): void;
  retryInitialMs?: number;
  retryMaxMs?: number;
}

/** Enough to cover any replay at the `since` boundary. */
const REMEMBERED_KEYS = 2000;

export class EventSubscription {
  readonly #opts: EventSubscriptionOptions;
  readonly #seen = new BoundedSet<string>(REMEMBERED_KEYS);
  #lastSince: string | undefined;
  #stream: NodeJS.ReadableStream | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #retryMs: number;
  #stopped = false;
  #connected = false;

  constructor(opts: EventSubscriptionOptions) {
    this.#opts = opts;
    this.#retryMs = opts.retryInitialMs ?? 200;
  }

  get connected(): boolean {
    return this.#connected;
  }

  start(): void {
    this.#stopped = false;
    void this.#connect();
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#detach();
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.#opts.open(this.#lastSince);
    } catch (err) {
      if (!this.#stopped)
        this.#retryLater(`couldn't open the event stream: ${(err as Error).message}`);
      return;
    }
    if (this.#stopped) {
      destroy(stream);
      return;
    }
    this.#stream = stream;
    this.#connected = true;
    this.#retryMs = this.#opts.retryInitialMs ?? 200;
    const lines = new LineSplitter();
    stream.on('data', (chunk: Buffer | string) => {
      for (const line of lines.push(chunk)) {
        const text = line.trim();
        if (text) this.#receive(text);
      }
    });
    let ended = false;
    const onEnd = (reason: string) => {
      if (ended || this.#stream !== stream) return;
      ended = true;
      this.#detach();
      if (!this.#stopped) this.#retryLater(reason);
    };
    stream.on('end', () => onEnd('the engine closed the event stream'));
    stream.on('close', () => onEnd('the event stream closed'));
    stream.on('error', (err: Error) => onEnd(`the event stream failed: ${err.message}`));
    this.#opts.onConnected();
  }

  #receive(line: string): void {
    const event = normalizeEvent(line);
    if (!event) return;
    const key = eventKey(event);
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#lastSince = sinceOf(event);
    this.#opts.onEvent(event, line);
  }

  #retryLater(reason: string): void {
    if (this.#connected) {
      this.#connected = false;
    }
    this.#opts.onDisconnected(reason);
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#connect(), this.#retryMs);
    this.#retryMs = Math.min(this.#retryMs * 2, this.#opts.retryMaxMs ?? 3000);
  }

  #detach(): void {
    const stream = this.#stream;
    this.#stream = null;
    this.#connected = false;
    if (stream) destroy(stream);
  }
}

function destroy(stream: NodeJS.ReadableStream): void {
  (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
}
