// A container's aliases on each network. `GET /containers/json` lists no
// aliases (dockerd leaves them out), so they come from the container's
// inspect (`NetworkSettings.Networks[x].Aliases`), read once per container when
// first needed and again when the engine says it joined or left a network.
// The short id the engine adds to every container on a user network is left
// out: every container has it, and it names nothing the user chose.

/** Aliases by network id and by network name, as one container's inspect has them. */
export type ContainerAliases = Map<string, string[]>;

export interface AliasReader {
  /** The container's aliases; null when it is gone. */
  read(containerId: string): Promise<ContainerAliases | null>;
}

/** Reads at once: enough to keep the engine busy without queueing it behind a burst. */
const PARALLEL_READS = 2;

export class EndpointAliases {
  readonly #reader: AliasReader;
  readonly #onRead: () => void;
  readonly #onError: (message: string) => void;
  readonly #known = new Map<string, ContainerAliases>();
  readonly #queued = new Set<string>();
  /** Containers asked for again while a read of theirs ran: read once more after it. */
  readonly #stale = new Set<string>();
  readonly #running = new Set<string>();
  #disposed = false;

  constructor(reader: AliasReader, onRead: () => void, onError: (message: string) => void) {
    this.#reader = reader;
    this.#onRead = onRead;
    this.#onError = onError;
  }

  /** What is known of the container's aliases on a network; the first ask starts a read. */
  aliases(containerId: string, network: { id: string; name: string }): string[] {
    const known = this.#known.get(containerId);
    if (!known) {
      if (!this.#running.has(containerId)) this.#ask(containerId);
      return [];
    }
    return known.get(network.id) ?? known.get(network.name) ?? [];
  }

  /** The container joined or left a network: read it again. */
  refresh(containerId: string): void {
    if (this.#running.has(containerId)) this.#stale.add(containerId);
    else this.#ask(containerId);
  }

  /** Forget containers no longer listed. */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of this.#known.keys()) if (!ids.has(id)) this.#known.delete(id);
  }

  dispose(): void {
    this.#disposed = true;
    this.#queued.clear();
  }

  #ask(containerId: string): void {
    this.#queued.add(containerId);
    this.#pump();
  }

  #pump(): void {
    while (!this.#disposed && this.#running.size < PARALLEL_READS && this.#queued.size > 0) {
      const id = this.#queued.values().next().value as string;
      this.#queued.delete(id);
      this.#running.add(id);
      this.#reader
        .read(id)
        .then((aliases) => {
          // A container gone meanwhile keeps an empty entry until keepOnly drops it, never re-read in a loop.
          this.#known.set(id, aliases ?? new Map());
        })
        .catch((err: unknown) => {
          // Shown as the mirror's other read errors are; an empty set keeps it from re-reading in a loop.
          this.#known.set(id, new Map());
          this.#onError(`Couldn't read the network aliases of ${id.slice(0, 12)}: ${String(err)}`);
        })
        .finally(() => {
          this.#running.delete(id);
          if (this.#stale.delete(id)) this.#queued.add(id);
          if (!this.#disposed) this.#onRead();
          this.#pump();
        });
    }
  }
}

interface InspectedNetworks {
  Id?: string;
  NetworkSettings?: {
    Networks?: Record<string, { NetworkID?: string; Aliases?: string[] | null } | null> | null;
  };
}

/** The aliases in a container's inspect, by network id and name, without its short id. */
export function aliasesOfInspect(info: InspectedNetworks): ContainerAliases {
  const shortId = (info.Id ?? '').slice(0, 12);
  const result: ContainerAliases = new Map();
  for (const [name, endpoint] of Object.entries(info.NetworkSettings?.Networks ?? {})) {
    const aliases = (endpoint?.Aliases ?? []).filter((a) => a !== shortId);
    result.set(name, aliases);
    if (endpoint?.NetworkID) result.set(endpoint.NetworkID, aliases);
  }
  return result;
}
