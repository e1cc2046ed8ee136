// One engine's list of one resource (containers, images; volumes and networks
// next), kept equal to the engine's by events. The core knows rows by id and
// nothing about what they are: an adapter feeds it events as guesses (`put`,
// `remove`) and as ids to re-read (`touch`, or `touchAll` when an event cannot
// say which rows it changed); the core re-reads them in one coalesced request,
// numbers every change as a delta, and re-lists on `heal` after each
// (re)connect to mend whatever the event stream missed.
import type { ResourceDelta, ResourceSnapshot } from '../../contract/mirror-types.ts';
import { BoundedSet } from '../bounded-set.ts';

export interface MirrorSource<T> {
  /** Every row, or only those with these ids (an id missing from the answer is gone). */
  list(ids?: string[]): Promise<T[]>;
}

/** What an adapter may add to the core; every hook is optional. */
export interface MirrorHooks<T> {
  /** Shapes each row read from the engine before it is kept (the containers' stop marks). */
  prepare?(row: T): T;
  /**
   * A re-read row against the one shown: which to keep, and whether to read it
   * again after `retryMs` (an engine whose list lags its own events).
   */
  reconcile?(read: T, shown: T | undefined): { row: T; retryMs?: number };
  /**
   * Rows whose derived parts changed after a change to others (an image's
   * shared size when another image arrives); called before each delta goes
   * out (`rowsChanged`), and on `rederive` (not). Returns only the rows that differ.
   */
  derive?(rows: ReadonlyMap<string, T>, rowsChanged: boolean): T[];
}

export interface ResourceMirrorOptions<T> extends MirrorHooks<T> {
  engineId: string;
  /** The resource in plain words for messages: "containers". */
  noun: string;
  source: MirrorSource<T>;
  onDelta(delta: ResourceDelta<T>): void;
  onError(message: string): void;
  /** Numbers deltas; kept by the owner so a new mirror of the same engine goes on from there. */
  nextSeq?: () => number;
  /** Touches within this window share one re-read. */
  coalesceMs?: number;
}

/** Destroyed ids are never reused; this many are remembered so a late list cannot bring them back. */
const TOMBSTONES = 10_000;

export class ResourceMirror<T extends { id: string }> {
  readonly #opts: ResourceMirrorOptions<T>;
  readonly #rows = new Map<string, T>();
  readonly #dirty = new Set<string>();
  /** A whole re-list is due (diffed, not a reset): an event that cannot name the rows it changed. */
  #dirtyAll = false;
  readonly #tombstones = new BoundedSet<string>(TOMBSTONES);
  #seq = 0;
  readonly #nextSeq: () => number;
  #healing: Promise<void> | null = null;
  #healAgain = false;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(opts: ResourceMirrorOptions<T>) {
    this.#opts = opts;
    let local = 0;
    this.#nextSeq = opts.nextSeq ?? (() => ++local);
  }

  snapshot(): ResourceSnapshot<T> {
    return { engineId: this.#opts.engineId, seq: this.#seq, items: [...this.#rows.values()] };
  }

  get(id: string): T | undefined {
    return this.#rows.get(id);
  }

  values(): IterableIterator<T> {
    return this.#rows.values();
  }

  /** Re-lists everything as a reset delta; touches meanwhile are re-read after it. */
  heal(): Promise<void> {
    if (this.#healing) {
      this.#healAgain = true;
      return this.#healing;
    }
    this.#healing = this.#healOnce().finally(() => {
      this.#healing = null;
      if (this.#healAgain && !this.#disposed) {
        this.#healAgain = false;
        void this.heal();
      } else this.#scheduleRefresh();
    });
    return this.#healing;
  }

  /** Shows a row at once (an adapter's guess from an event); a re-read corrects it. */
  put(row: T): void {
    if (this.#disposed) return;
    this.#commit([row], [], false);
  }

  /** The row is gone for good: it leaves now, and no list taken earlier brings it back. */
  remove(id: string): void {
    if (this.#disposed) return;
    this.#tombstones.add(id);
    this.#dirty.delete(id);
    if (this.#rows.delete(id)) this.#commit([], [id], false);
  }

  /** Re-reads this row from the engine soon, with the others touched meanwhile. */
  touch(id: string): void {
    if (this.#disposed || this.#tombstones.has(id)) return;
    this.#dirty.add(id);
    this.#scheduleRefresh();
  }

  /** Re-lists soon and sends what differs: for events that cannot say which rows they changed. */
  touchAll(): void {
    if (this.#disposed) return;
    this.#dirtyAll = true;
    this.#scheduleRefresh();
  }

  /** Something rows derive from changed outside them: sends the rows `derive` says differ. */
  rederive(): void {
    if (this.#disposed || !this.#opts.derive) return;
    this.#commit([], [], false);
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#refreshTimer);
  }

  async #healOnce(): Promise<void> {
    try {
      const items = (await this.#opts.source.list()).filter((r) => !this.#tombstones.has(r.id));
      if (this.#disposed) return;
      this.#rows.clear();
      this.#commit(
        items.map((r) => this.#prepare(r)),
        [],
        true,
      );
    } catch (err) {
      this.#opts.onError(`Couldn't list ${this.#opts.noun}: ${(err as Error).message}`);
    }
  }

  #prepare(row: T): T {
    return this.#opts.prepare ? this.#opts.prepare(row) : row;
  }

  #scheduleRefresh(delayMs = this.#opts.coalesceMs ?? 15): void {
    const due = this.#dirty.size > 0 || this.#dirtyAll;
    if (!due || this.#healing || this.#refreshTimer || this.#disposed) return;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = undefined;
      void this.#refresh();
    }, delayMs);
  }

  async #refresh(): Promise<void> {
    if (this.#healing) return; // the heal re-schedules us when it ends
    const all = this.#dirtyAll;
    const ids = [...this.#dirty];
    this.#dirty.clear();
    this.#dirtyAll = false;
    try {
      const found = await this.#opts.source.list(all ? undefined : ids);
      if (this.#disposed) return;
      const foundIds = new Set(found.map((r) => r.id));
      // A row touched again during the request is re-read next time rather than judged now.
      const asked = all ? [...this.#rows.keys()] : ids;
      const removed = asked.filter(
        (id) => !foundIds.has(id) && !this.#dirty.has(id) && this.#rows.has(id),
      );
      // Skip rows destroyed during the request, and rows touched again. A row missing from
      // #rows is not skipped: a re-list may have dropped one created while it ran.
      const fresh = found.filter((r) => !this.#tombstones.has(r.id) && !this.#dirty.has(r.id));
      let retryMs = 0;
      const upserts: T[] = [];
      for (const read of fresh) {
        const shown = this.#rows.get(read.id);
        const prepared = this.#prepare(read);
        const verdict = this.#opts.reconcile?.(prepared, shown) ?? { row: prepared };
        if (verdict.retryMs) {
          retryMs = Math.max(retryMs, verdict.retryMs);
          this.#dirty.add(read.id);
        }
        if (!shown || !sameRow(shown, verdict.row)) upserts.push(verdict.row);
      }
      for (const id of removed) this.#rows.delete(id);
      if (upserts.length || removed.length) this.#commit(upserts, removed, false);
      if (retryMs) this.#scheduleRefresh(retryMs);
    } catch (err) {
      this.#opts.onError(`Couldn't refresh ${this.#opts.noun}: ${(err as Error).message}`);
    }
    this.#scheduleRefresh();
  }

  /** Applies a change (rows already deleted for `removed`), adds what it derives, and sends it. */
  #commit(upserts: T[], removed: string[], reset: boolean): void {
    for (const row of upserts) this.#rows.set(row.id, row);
    const rowsChanged = reset || upserts.length > 0 || removed.length > 0;
    const derived = this.#opts.derive?.(this.#rows, rowsChanged) ?? [];
    for (const row of derived) this.#rows.set(row.id, row);
    if (!rowsChanged && derived.length === 0) return;
    const byId = new Map<string, T>();
    for (const row of [...upserts, ...derived]) byId.set(row.id, this.#rows.get(row.id)!);
    this.#seq = this.#nextSeq();
    this.#opts.onDelta({
      engineId: this.#opts.engineId,
      seq: this.#seq,
      reset,
      upserts: reset ? [...this.#rows.values()] : [...byId.values()],
      removed,
    });
  }
}

/** Rows are plain JSON from the engine: equal text, equal row. */
function sameRow<T>(a: T, b: T): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
