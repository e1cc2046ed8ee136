/**
 * The engines the app is connected to, and the one the renderer shows.
 *
 * The model, as `docker context use` has it: the app keeps one connection per
 * connected engine (its two clients, its `/events` subscription and its
 * container mirror), keyed by engine id. One engine is shown at a time: the
 * list, every call and every new stream go to it. Switching (`engine.use`)
 * shows another one without closing the rest, so switching back is instant:
 * its list comes from a mirror that kept following its engine meanwhile.
 *
 * Only the engine in use is connected at start, never every candidate. One
 * the user switched away from stays connected until it fails (its event
 * stream down for `failAfterMs` while it is not shown), the user disconnects
 * it, or more than `maxLive` are connected (the least recently shown goes).
 * The shown engine is never dropped for failing: it keeps reconnecting, and
 * the indicator says `disconnected`.
 *
 * Every delta and status names the engine it is from. Each engine numbers
 * its own deltas of each resource (containers, images), one by one, and the numbers go on (never
 * restart) when a dropped engine is connected again, so a renderer's gap
 * check holds per engine. The renderer ignores what comes from an engine it
 * does not show.
 *
 * A stream belongs to the engine shown when it was opened. When another
 * engine is shown, or that connection closes, the stream ends with a
 * `cancelled` error naming both, rather than run on for a renderer that has
 * moved on (a pull finishing on A, then the dialog creating on B).
 */
import type { EngineCandidate } from '../contract/engine-types.ts';
import type { ErrorEnvelope } from '../contract/errors.ts';
import type {
  MirrorDeltaArgs,
  MirroredResource,
  MirroredRows,
  ResourceSnapshot,
} from '../contract/mirror-types.ts';
import { systemClock, type Clock, type TimerHandle } from '../engine/clock.ts';

/** How many engines stay connected at once, the shown one included. */
const MAX_LIVE_ENGINES = 4;
/** A hidden engine whose event stream stays down this long is dropped. */
const HIDDEN_FAILURE_MS = 60_000;

/** What the registry needs from a connection (EngineConnection; a fake in unit tests). */
export interface LiveConnection {
  readonly eventsConnected: boolean;
  start(): void;
  snapshot<R extends MirroredResource>(resource: R): ResourceSnapshot<MirroredRows[R]>;
  endStreams(error: ErrorEnvelope): void;
  dispose(): void;
}

/** Handed to a new connection: everything it reports goes through the registry. */
export interface ConnectionHooks {
  nextSeq(resource: MirroredResource): number;
  onDelta(...args: MirrorDeltaArgs): void;
  onEventsConnected(connected: boolean, reason?: string): void;
}

interface EngineRegistryOptions<C extends LiveConnection> {
  connect(candidate: EngineCandidate, hooks: ConnectionHooks): C;
  /** Deltas of every connected engine, shown or not. */
  onDelta(...args: MirrorDeltaArgs): void;
  onEventsConnected(engineId: string, connected: boolean, reason?: string): void;
  /** A connection was opened or dropped. */
  onLiveChanged(): void;
  maxLive?: number;
  failAfterMs?: number;
  clock?: Clock;
}

interface Entry<C> {
  candidate: EngineCandidate;
  connection: C;
  failTimer?: TimerHandle;
}

export class EngineRegistry<C extends LiveConnection> {
  readonly #opts: EngineRegistryOptions<C>;
  readonly #clock: Clock;
  /** In order of last shown, least recent first. */
  readonly #entries = new Map<string, Entry<C>>();
  /** Per engine and resource (`id\u0000containers`), the last delta's number. */
  readonly #seqs = new Map<string, number>();
  #shown: EngineCandidate | null = null;

  constructor(opts: EngineRegistryOptions<C>) {
    this.#opts = opts;
    this.#clock = opts.clock ?? systemClock;
  }

  get shownId(): string | null {
    return this.#shown?.id ?? null;
  }

  get shownCandidate(): EngineCandidate | null {
    return this.#shown;
  }

  /** The shown engine's connection; undefined while it is not connected (a managed engine starting). */
  shown(): C | undefined {
    return this.#shown ? this.#entries.get(this.#shown.id)?.connection : undefined;
  }

  get(id: string): C | undefined {
    return this.#entries.get(id)?.connection;
  }

  liveIds(): string[] {
    return [...this.#entries.keys()];
  }

  /**
   * Shows `candidate`: calls, streams and the list go to it from now on. The
   * engine shown before stays connected; its streams end.
   */
  show(candidate: EngineCandidate): void {
    const previous = this.#shown;
    this.#shown = candidate;
    const entry = this.#entries.get(candidate.id);
    if (entry) {
      this.#clearFailure(entry);
      entry.candidate = candidate;
      this.#entries.delete(candidate.id);
      this.#entries.set(candidate.id, entry);
    }
    if (previous && previous.id !== candidate.id) {
      const left = this.#entries.get(previous.id);
      if (left) {
        left.connection.endStreams({
          kind: 'cancelled',
          message: `Berth now shows ${candidate.label}; this stream was for ${previous.label}, so it ended.`,
          hint: `Switch back to ${previous.label} to open it again.`,
        });
        if (!left.connection.eventsConnected) this.#armFailure(left);
      }
    }
    this.#evict();
  }

  /** The connection to `candidate`, opened (and its events started) unless it is live already. */
  open(candidate: EngineCandidate): C {
    const existing = this.#entries.get(candidate.id);
    if (existing) return existing.connection;
    const id = candidate.id;
    // Filled in below; until then (and once dropped) it is not the live entry, and its reports are ignored.
    const self = { candidate } as Entry<C>;
    const live = () => this.#entries.get(id) === self;
    self.connection = this.#opts.connect(candidate, {
      nextSeq: (resource) => {
        const key = seqKey(id, resource);
        const seq = (this.#seqs.get(key) ?? 0) + 1;
        this.#seqs.set(key, seq);
        return seq;
      },
      onDelta: (...args) => {
        if (live()) this.#opts.onDelta(...args);
      },
      onEventsConnected: (connected, reason) => {
        if (!live()) return;
        if (connected) this.#clearFailure(self);
        else if (id !== this.shownId) this.#armFailure(self);
        this.#opts.onEventsConnected(id, connected, reason);
      },
    });
    this.#entries.set(id, self);
    const { connection } = self;
    connection.start();
    this.#opts.onLiveChanged();
    this.#evict();
    return connection;
  }

  /** Closes the connection to `id`, ending its streams with `reason`; false when none was open. */
  drop(id: string, reason: ErrorEnvelope): boolean {
    const entry = this.#entries.get(id);
    if (!entry) return false;
    this.#entries.delete(id);
    this.#clearFailure(entry);
    entry.connection.endStreams(reason);
    entry.connection.dispose();
    this.#opts.onLiveChanged();
    return true;
  }

  /** The shown engine's list, or an empty one (numbered where its deltas left off) while it is not connected. */
  snapshot<R extends MirroredResource>(resource: R): ResourceSnapshot<MirroredRows[R]> {
    const shown = this.shown();
    if (shown) return shown.snapshot(resource);
    const id = this.shownId ?? '';
    return { engineId: id, seq: this.#seqs.get(seqKey(id, resource)) ?? 0, items: [] };
  }

  dispose(): void {
    for (const id of [...this.#entries.keys()]) {
      this.drop(id, { kind: 'cancelled', message: 'Berth is quitting.' });
    }
  }

  #armFailure(entry: Entry<C>): void {
    if (entry.failTimer !== undefined) return;
    const { id, label } = entry.candidate;
    const ms = this.#opts.failAfterMs ?? HIDDEN_FAILURE_MS;
    entry.failTimer = this.#clock.setTimeout(() => {
      entry.failTimer = undefined;
      if (this.#entries.get(id) !== entry || id === this.shownId) return;
      this.drop(id, {
        kind: 'unreachable',
        message: `Lost ${label}: its event stream stayed down for ${Math.round(ms / 1000)} s, so Berth disconnected from it.`,
        hint: 'Use it again on the Engine page to reconnect.',
      });
    }, ms);
  }

  #clearFailure(entry: Entry<C>): void {
    if (entry.failTimer === undefined) return;
    this.#clock.clearTimeout(entry.failTimer);
    entry.failTimer = undefined;
  }

  #evict(): void {
    const max = this.#opts.maxLive ?? MAX_LIVE_ENGINES;
    for (const [id, entry] of this.#entries) {
      if (this.#entries.size <= max) return;
      if (id === this.shownId) continue;
      this.drop(id, {
        kind: 'cancelled',
        message: `Disconnected from ${entry.candidate.label}: Berth keeps at most ${max} engines connected, and it was the least recently shown.`,
      });
    }
  }
}

function seqKey(engineId: string, resource: MirroredResource): string {
  return `${engineId}\u0000${resource}`;
}
