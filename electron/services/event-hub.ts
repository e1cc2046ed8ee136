// A typed fan-out for the contract's pushed events. Services emit; each
// connected renderer (through its transport) subscribes.
import type { EventChannel, Events } from '../contract/channels.ts';

export type EventListener = <K extends EventChannel>(channel: K, payload: Events[K]) => void;

export class EventHub {
  readonly #listeners = new Set<EventListener>();

  emit<K extends EventChannel>(channel: K, payload: Events[K]): void {
    for (const listener of this.#listeners) {
      try {
        listener(channel, payload);
      } catch (err) {
        // One broken connection must not stop the others from getting the event.
        console.error(`[events] a listener failed on ${channel}:`, err);
      }
    }
  }

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
