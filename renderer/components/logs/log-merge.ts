// Several containers' follow streams into one log in time order, as `docker
// compose logs` reads: each stream is in order by itself, but they arrive
// side by side (the first tails whole, one after another). Rows wait a moment
// and go out sorted by timestamp; the first batch waits until every source
// has answered (or a deadline passed), so the opening tails interleave.

interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class LogMerger<T extends { ts: string }> {
  readonly #count: number;
  readonly #emit: (rows: T[]) => void;
  readonly #holdMs: number;
  readonly #firstWaitMs: number;
  readonly #timers: Timers;
  #pending: T[] = [];
  #answered = new Set<number>();
  #first = true;
  #timer: unknown = null;

  constructor(opts: {
    sources: number;
    emit(rows: T[]): void;
    /** How long a row waits for older ones from other sources. */
    holdMs?: number;
    /** How long the first batch waits for every source to answer. */
    firstWaitMs?: number;
    timers?: Timers;
  }) {
    this.#count = opts.sources;
    this.#emit = opts.emit;
    this.#holdMs = opts.holdMs ?? 150;
    this.#firstWaitMs = opts.firstWaitMs ?? 1500;
    this.#timers = opts.timers ?? realTimers;
  }

  add(source: number, rows: T[]): void {
    this.#pending.push(...rows);
    this.#answer(source);
  }

  /** A source ended or failed: nothing to wait for from it. */
  ended(source: number): void {
    this.#answer(source);
  }

  /** Forgets what waits (the view starts over or goes away). */
  reset(): void {
    if (this.#timer !== null) this.#timers.clear(this.#timer);
    this.#timer = null;
    this.#pending = [];
    this.#answered.clear();
    this.#first = true;
  }

  #answer(source: number): void {
    this.#answered.add(source);
    if (this.#first && this.#answered.size >= this.#count) {
      // Everyone answered: the first batch need not wait for the deadline.
      this.#first = false;
      if (this.#timer !== null) this.#timers.clear(this.#timer);
      this.#timer = null;
    }
    if (this.#timer !== null || this.#pending.length === 0) return;
    this.#timer = this.#timers.set(
      () => this.#flush(),
      this.#first ? this.#firstWaitMs : this.#holdMs,
    );
  }

  #flush(): void {
    this.#timer = null;
    this.#first = false;
    const rows = this.#pending;
    this.#pending = [];
    // Stable: lines of one source with the same timestamp keep their order.
    rows.sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : 0));
    if (rows.length) this.#emit(rows);
  }
}
