// The recent events of one engine connection, for the Events page: a bounded
// ring fed by the connection's one `/events` subscription (never a second),
// each event kept with the line the engine sent (the export's JSON lines) and
// numbered, so a follower sees the ring and then live events in one order.
import type { EventLogEntry } from '../../contract/events-channels.ts';
import type { EngineEvent } from './engine-event.ts';

/** Events kept per connection: hours of a busy engine's life, a few MB at most. */
export const EVENT_RING_SIZE = 5000;

export interface RingEntry {
  entry: EventLogEntry;
  /** The engine's own line, exactly as it sent it. */
  raw: string;
}

export class EventRing {
  readonly #capacity: number;
  readonly #items: RingEntry[] = [];
  /** Index of the oldest item once the ring is full (it wraps). */
  #start = 0;
  #seq = 0;
  readonly #listeners = new Set<(item: RingEntry) => void>();

  constructor(capacity = EVENT_RING_SIZE) {
    this.#capacity = capacity;
  }

  get capacity(): number {
    return this.#capacity;
  }

  push(event: EngineEvent, raw: string): void {
    const entry: EventLogEntry = {
      seq: ++this.#seq,
      type: event.type,
      action: event.action,
      ...(event.actionDetail ? { actionDetail: event.actionDetail } : {}),
      actorId: event.actorId,
      name: event.attributes.name ?? '',
      attributes: event.attributes,
      timeSec: event.timeSec,
      timeNanos: event.timeNanos,
    };
    const item = { entry, raw };
    if (this.#items.length < this.#capacity) this.#items.push(item);
    else {
      this.#items[this.#start] = item;
      this.#start = (this.#start + 1) % this.#capacity;
    }
    for (const listener of this.#listeners) listener(item);
  }

  /** What the ring holds, oldest first. */
  entries(): RingEntry[] {
    return [...this.#items.slice(this.#start), ...this.#items.slice(0, this.#start)];
  }

  /** Calls `listener` with each event pushed from now on; returns the unsubscribe. */
  subscribe(listener: (item: RingEntry) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
