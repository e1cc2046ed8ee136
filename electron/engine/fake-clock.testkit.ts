// A clock for unit tests: time moves only when the test says so, and every
// timer due on the way fires in order, with promise chains settled in between.

import type { Clock, TimerHandle } from './clock.ts';

interface Timer {
  id: number;
  due: number;
  fn: () => void;
}

/** Lets pending promise chains (several awaits deep) run to completion. */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class FakeClock implements Clock {
  #now: number;
  #nextId = 1;
  #timers = new Map<number, Timer>();

  constructor(start = 1_700_000_000_000) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.#nextId++;
    this.#timers.set(id, { id, due: this.#now + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle as number);
  }

  get pendingTimers(): number {
    return this.#timers.size;
  }

  #nextDue(limit: number): Timer | undefined {
    let next: Timer | undefined;
    for (const timer of this.#timers.values()) {
      if (timer.due > limit) continue;
      if (!next || timer.due < next.due || (timer.due === next.due && timer.id < next.id)) {
        next = timer;
      }
    }
    return next;
  }

  /** Moves time forward by `ms`, firing every timer that falls due. */
  async advance(ms: number): Promise<void> {
    const target = this.#now + ms;
    for (;;) {
      await settle();
      const timer = this.#nextDue(target);
      if (!timer) break;
      this.#timers.delete(timer.id);
      this.#now = timer.due;
      timer.fn();
    }
    this.#now = target;
    await settle();
  }

  /** Fires timers one at a time until `done()` holds; fails if time runs past `maxMs`. */
  async until(done: () => boolean, maxMs = 10 * 60_000): Promise<void> {
    const limit = this.#now + maxMs;
    await settle();
    while (!done()) {
      const timer = this.#nextDue(limit);
      if (!timer) throw new Error(`FakeClock.until: condition not met within ${maxMs} ms`);
      this.#timers.delete(timer.id);
      this.#now = timer.due;
      timer.fn();
      await settle();
    }
  }
}
