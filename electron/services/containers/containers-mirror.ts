// The container list of one engine, kept equal to the engine's by events: each
// event moves its row at once (applyContainerEvent), then the rows it touched
// are re-read from the engine in one coalesced request. A re-list after every
// (re)connect heals whatever the event stream missed.
import type {
  ContainerSummary,
  ContainersDelta,
  ContainersSnapshot,
} from '../../contract/container-types.ts';
import type { EngineEvent } from '../events/engine-event.ts';
import { BoundedSet } from '../bounded-set.ts';
import { applyContainerEvent, stateImpliedBy } from './container-events.ts';
import { StopRequests } from './stop-requests.ts';

/**
 * The engine emits some events (`die` above all) a moment before its list
 * shows the new state. A re-read that contradicts the last event is retried
 * this many times, a little later each time, before the list wins.
 */
const MAX_STALE_READS = 6;

export interface ContainerSource {
  /** All containers, or only those with these ids (missing ids are gone). */
  list(ids?: string[]): Promise<ContainerSummary[]>;
  /** The container's own StopTimeout (seconds), if it has one. */
  stopTimeout?(id: string): Promise<number | undefined>;
}

interface ContainersMirrorOptions {
  engineId: string;
  source: ContainerSource;
  onDelta(delta: ContainersDelta): void;
  onError(message: string): void;
  /** Numbers deltas; shared across mirrors so a seq never goes backwards for a client. */
  nextSeq?: () => number;
  /** Events within this window share one refresh request. */
  coalesceMs?: number;
}

export class ContainersMirror {
  readonly #opts: ContainersMirrorOptions;
  readonly #rows = new Map<string, ContainerSummary>();
  readonly #dirty = new Set<string>();
  /** Destroyed ids: a list taken before the destroy must not bring them back (ids are never reused). */
  readonly #tombstones = new BoundedSet<string>(10_000);
  /** Per container, the state its last event implies, and how often a re-read disagreed. */
  readonly #expected = new Map<string, { state: ContainerSummary['state']; staleReads: number }>();
  /** Stops and kills asked for, so an ended row says whether it failed. */
  readonly #stops = new StopRequests();
  #seq = 0;
  readonly #nextSeq: () => number;
  #healing: Promise<void> | null = null;
  #healAgain = false;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #disposed = false;

  constructor(opts: ContainersMirrorOptions) {
    this.#opts = opts;
    let local = 0;
    this.#nextSeq = opts.nextSeq ?? (() => ++local);
  }

  snapshot(): ContainersSnapshot {
    return { engineId: this.#opts.engineId, seq: this.#seq, items: [...this.#rows.values()] };
  }

  /** Re-lists everything; events arriving meanwhile are re-read after it. */
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

  applyEvent(event: EngineEvent): void {
    if (event.type !== 'container' || this.#disposed) return;
    if (this.#stops.note(event)) void this.#readStopTimeout(event.actorId);
    const known = this.#rows.get(event.actorId);
    let change = applyContainerEvent(known, event);
    // A kill moves no state but starts the stop's countdown.
    if (change.kind === 'none' && known && event.action === 'kill')
      change = { kind: 'upsert', container: known };
    if (change.kind === 'upsert')
      change = { kind: 'upsert', container: this.#stops.decorate(change.container) };
    const implied = stateImpliedBy(event);
    if (implied) this.#expected.set(event.actorId, { state: implied, staleReads: 0 });
    if (change.kind === 'remove') {
      this.#expected.delete(change.id);
      this.#tombstones.add(change.id);
      if (this.#rows.delete(change.id)) this.#emit([], [change.id]);
    } else if (change.kind === 'upsert') {
      this.#rows.set(change.container.id, change.container);
      this.#emit([change.container], []);
    }
    if (change.kind !== 'remove') {
      this.#dirty.add(event.actorId);
      this.#scheduleRefresh();
    } else {
      this.#dirty.delete(event.actorId);
    }
  }

  /** The countdown a stop shows uses the container's own grace period when it has one. */
  async #readStopTimeout(id: string): Promise<void> {
    try {
      const timeoutSec = await this.#opts.source.stopTimeout?.(id);
      const row = this.#rows.get(id);
      if (timeoutSec === undefined || this.#disposed || !row) return;
      if (!this.#stops.setStopTimeout(id, timeoutSec)) return;
      const next = this.#stops.decorate(row);
      this.#rows.set(id, next);
      this.#emit([next], []);
    } catch (err) {
      // The countdown then says 10 s, the engine's default; the stop itself goes on.
      console.warn(
        `[containers] could not read the stop timeout of ${id}:`,
        (err as Error).message,
      );
    }
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#refreshTimer);
  }

  async #healOnce(): Promise<void> {
    try {
      const items = (await this.#opts.source.list())
        .filter((c) => !this.#tombstones.has(c.id))
        .map((c) => this.#stops.decorate(c));
      if (this.#disposed) return;
      this.#rows.clear();
      for (const item of items) this.#rows.set(item.id, item);
      this.#seq = this.#nextSeq();
      this.#opts.onDelta({
        engineId: this.#opts.engineId,
        seq: this.#seq,
        reset: true,
        upserts: items,
        removed: [],
      });
    } catch (err) {
      this.#opts.onError(`Couldn't list containers: ${(err as Error).message}`);
    }
  }

  #scheduleRefresh(delayMs = this.#opts.coalesceMs ?? 15): void {
    if (this.#dirty.size === 0 || this.#healing || this.#refreshTimer || this.#disposed) return;
    this.#refreshTimer = setTimeout(() => {
      this.#refreshTimer = undefined;
      void this.#refresh();
    }, delayMs);
  }

  async #refresh(): Promise<void> {
    if (this.#healing) return; // the heal re-schedules us when it ends
    const ids = [...this.#dirty];
    this.#dirty.clear();
    try {
      const found = await this.#opts.source.list(ids);
      if (this.#disposed) return;
      const foundIds = new Set(found.map((c) => c.id));
      const removed = ids.filter((id) => !foundIds.has(id) && this.#rows.delete(id));
      // Skip rows destroyed during the request, and rows touched again (re-read next time).
      // A row missing from #rows is not skipped: a re-list may have dropped a container
      // created while it ran.
      const fresh = found
        .filter((c) => !this.#tombstones.has(c.id) && !this.#dirty.has(c.id))
        .map((c) => this.#stops.decorate(c));
      let retryMs = 0;
      const upserts = fresh.map((c) => {
        const expected = this.#expected.get(c.id);
        if (expected && expected.state !== c.state && expected.staleReads < MAX_STALE_READS) {
          // The list lags the event: keep the event's state, take the rest, read again soon.
          expected.staleReads++;
          retryMs = Math.max(retryMs, 20 * expected.staleReads);
          this.#dirty.add(c.id);
          const shown = this.#rows.get(c.id);
          return shown
            ? { ...c, state: shown.state, status: shown.status, statusAt: shown.statusAt }
            : c;
        }
        this.#expected.delete(c.id);
        return c;
      });
      for (const c of upserts) this.#rows.set(c.id, c);
      if (upserts.length || removed.length) this.#emit(upserts, removed);
      if (retryMs) this.#scheduleRefresh(retryMs);
    } catch (err) {
      this.#opts.onError(`Couldn't refresh containers: ${(err as Error).message}`);
    }
    this.#scheduleRefresh();
  }

  #emit(upserts: ContainerSummary[], removed: string[]): void {
    this.#seq = this.#nextSeq();
    this.#opts.onDelta({
      engineId: this.#opts.engineId,
      seq: this.#seq,
      reset: false,
      upserts,
      removed,
    });
  }
}
