// The container list of one engine: the resource mirror (mirror/resource-mirror.ts)
// with what only containers need. Each event moves its row at once
// (applyContainerEvent), then the rows it touched are re-read from the engine
// in one coalesced request; a re-read that contradicts the last event is
// retried a little later (the engine's list lags its `die`); stops and kills
// asked for mark the row, so an ended row says whether it failed.
import type {
  ContainerSummary,
  ContainersDelta,
  ContainersSnapshot,
} from '../../contract/container-types.ts';
import type { EngineEvent } from '../events/engine-event.ts';
import { ResourceMirror } from '../mirror/resource-mirror.ts';
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
  readonly #core: ResourceMirror<ContainerSummary>;
  /** Per container, the state its last event implies, and how often a re-read disagreed. */
  readonly #expected = new Map<string, { state: ContainerSummary['state']; staleReads: number }>();
  /**
   * Per container, the network its last connect or disconnect event named: dockerd
   * emits the event before its list shows the change, so a read that still
   * disagrees is retried as a lagging state is.
   */
  readonly #expectedNetwork = new Map<
    string,
    { id: string; name: string; joined: boolean; staleReads: number }
  >();
  /** Stops and kills asked for, so an ended row says whether it failed. */
  readonly #stops = new StopRequests();
  #disposed = false;

  constructor(opts: ContainersMirrorOptions) {
    this.#opts = opts;
    this.#core = new ResourceMirror<ContainerSummary>({
      engineId: opts.engineId,
      noun: 'containers',
      source: opts.source,
      onDelta: opts.onDelta,
      onError: opts.onError,
      ...(opts.nextSeq ? { nextSeq: opts.nextSeq } : {}),
      ...(opts.coalesceMs !== undefined ? { coalesceMs: opts.coalesceMs } : {}),
      prepare: (c) => this.#stops.decorate(c),
      reconcile: (c, shown) => this.#reconcile(c, shown),
    });
  }

  snapshot(): ContainersSnapshot {
    return this.#core.snapshot();
  }

  values(): IterableIterator<ContainerSummary> {
    return this.#core.values();
  }

  /** Re-lists everything; events arriving meanwhile are re-read after it. */
  heal(): Promise<void> {
    return this.#core.heal();
  }

  applyEvent(event: EngineEvent): void {
    if (this.#disposed) return;
    // Joining or leaving a network changes the container's row (its networks), not its state.
    const container = event.attributes.container;
    if (event.type === 'network' && container && /^(dis)?connect$/.test(event.action)) {
      const joined = event.action === 'connect';
      // A stopping container leaves its networks too, yet its list entry keeps them (its
      // settings): only a running container's disconnect is expected to show.
      if (joined || this.#core.get(container)?.state === 'running') {
        this.#expectedNetwork.set(container, {
          id: event.actorId,
          name: event.attributes.name ?? '',
          joined,
          staleReads: 0,
        });
      }
      this.#core.touch(container);
      return;
    }
    if (event.type !== 'container') return;
    if (this.#stops.note(event)) void this.#readStopTimeout(event.actorId);
    const known = this.#core.get(event.actorId);
    let change = applyContainerEvent(known, event);
    // A kill moves no state but starts the stop's countdown.
    if (change.kind === 'none' && known && event.action === 'kill')
      change = { kind: 'upsert', container: known };
    const implied = stateImpliedBy(event);
    if (implied) this.#expected.set(event.actorId, { state: implied, staleReads: 0 });
    if (change.kind === 'remove') {
      this.#expected.delete(change.id);
      this.#expectedNetwork.delete(change.id);
      this.#core.remove(change.id);
      return;
    }
    if (change.kind === 'upsert') this.#core.put(this.#stops.decorate(change.container));
    this.#core.touch(event.actorId);
  }

  dispose(): void {
    this.#disposed = true;
    this.#core.dispose();
  }

  /** The list lags the event: keep the event's state, take the rest, read again soon. */
  #reconcile(
    c: ContainerSummary,
    shown: ContainerSummary | undefined,
  ): { row: ContainerSummary; retryMs?: number } {
    const networkRetryMs = this.#networkLag(c);
    const expected = this.#expected.get(c.id);
    if (expected && expected.state !== c.state && expected.staleReads < MAX_STALE_READS) {
      expected.staleReads++;
      const row = shown
        ? { ...c, state: shown.state, status: shown.status, statusAt: shown.statusAt }
        : c;
      return { row, retryMs: Math.max(20 * expected.staleReads, networkRetryMs) };
    }
    this.#expected.delete(c.id);
    return networkRetryMs ? { row: c, retryMs: networkRetryMs } : { row: c };
  }

  /** When to read again because the list does not show the last network event yet (0: it does). */
  #networkLag(c: ContainerSummary): number {
    const network = this.#expectedNetwork.get(c.id);
    if (!network) return 0;
    const listed = c.networks.some(
      (n) => n.networkId === network.id || (network.name !== '' && n.name === network.name),
    );
    if (listed !== network.joined && network.staleReads < MAX_STALE_READS) {
      network.staleReads++;
      return 20 * network.staleReads;
    }
    this.#expectedNetwork.delete(c.id);
    return 0;
  }

  /** The countdown a stop shows uses the container's own grace period when it has one. */
  async #readStopTimeout(id: string): Promise<void> {
    try {
      const timeoutSec = await this.#opts.source.stopTimeout?.(id);
      const row = this.#core.get(id);
      if (timeoutSec === undefined || this.#disposed || !row) return;
      if (!this.#stops.setStopTimeout(id, timeoutSec)) return;
      this.#core.put(this.#stops.decorate(row));
    } catch (err) {
      // The countdown then says 10 s, the engine's default; the stop itself goes on.
      console.warn(
        `[containers] could not read the stop timeout of ${id}:`,
        (err as Error).message,
      );
    }
  }
}
