// The listeners of one kind of news (log lines, exits, statuses): added with
// an unsubscribe, told in turn, cleared on dispose. Drivers, the status board
// and the QMP client each kept such a set with the same few lines.
import type { Unsubscribe } from './engine-driver.ts';

export class Listeners<T> {
  readonly #set = new Set<(value: T) => void>();
  readonly #onError: (error: unknown) => void;

  /**
   * `onError` hears what a listener throws, so one broken listener neither
   * starves the others nor breaks the code that tells them. It may rethrow.
   */
  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  add(listener: (value: T) => void): Unsubscribe {
    this.#set.add(listener);
    return () => {
      this.#set.delete(listener);
    };
  }

  /** Tells the listeners there are now; one added while they are told hears the next value. */
  emit(value: T): void {
    for (const listener of [...this.#set]) {
      // One removed by an earlier listener in this round is not told.
      if (!this.#set.has(listener)) continue;
      try {
        listener(value);
      } catch (error) {
        this.#onError(error);
      }
    }
  }

  get size(): number {
    return this.#set.size;
  }

  clear(): void {
    this.#set.clear();
  }
}
