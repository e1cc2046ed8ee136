// The networks of one engine, on the resource mirror (mirror/resource-mirror.ts).
// Network events name the network by id (create, destroy, connect,
// disconnect); the containers attached and their addresses are worked out
// from the containers of the same engine before each delta goes out (the
// network list leaves them out; the containers' rows carry them).
import type { ContainerSummary } from '../../contract/container-types.ts';
import type {
  NetworkEndpoint,
  NetworkSummary,
  NetworksDelta,
  NetworksSnapshot,
} from '../../contract/networks-channels.ts';
import { isPredefinedNetwork } from '../../contract/network/network-spec.ts';
import type { EngineEvent } from '../events/engine-event.ts';
import { ResourceMirror } from '../mirror/resource-mirror.ts';
import { EndpointAliases, type AliasReader } from './endpoint-aliases.ts';

/** A network as `GET /networks` lists it, before what it derives from the containers. */
export type ListedNetwork = Omit<NetworkSummary, 'containers'>;

export interface NetworkEngine {
  /** Every network, or at least those with these ids (an id missing from the answer is gone). */
  list(ids?: string[]): Promise<ListedNetwork[]>;
}

interface NetworksMirrorOptions {
  engineId: string;
  engine: NetworkEngine;
  containers(): Iterable<ContainerSummary>;
  /** Where aliases come from when the container list has none (dockerd's never has). */
  aliases?: AliasReader;
  onDelta(delta: NetworksDelta): void;
  onError(message: string): void;
  nextSeq?: () => number;
  coalesceMs?: number;
}

export class NetworksMirror {
  readonly #core: ResourceMirror<NetworkSummary>;
  readonly #opts: NetworksMirrorOptions;
  readonly #aliases: EndpointAliases | null;

  constructor(opts: NetworksMirrorOptions) {
    this.#opts = opts;
    this.#aliases = opts.aliases
      ? new EndpointAliases(opts.aliases, () => this.#core.rederive(), opts.onError)
      : null;
    this.#core = new ResourceMirror<NetworkSummary>({
      engineId: opts.engineId,
      noun: 'networks',
      source: {
        list: async (ids) =>
          (await opts.engine.list(ids))
            .filter((n) => !ids || ids.includes(n.id))
            .map((n) => ({ ...n, containers: this.#core.get(n.id)?.containers ?? [] })),
      },
      onDelta: opts.onDelta,
      onError: opts.onError,
      derive: (rows) => this.#derive(rows),
      ...(opts.nextSeq ? { nextSeq: opts.nextSeq } : {}),
      ...(opts.coalesceMs !== undefined ? { coalesceMs: opts.coalesceMs } : {}),
    });
  }

  snapshot(): NetworksSnapshot {
    return this.#core.snapshot();
  }

  heal(): Promise<void> {
    return this.#core.heal();
  }

  applyEvent(event: EngineEvent): void {
    if (event.type !== 'network') return;
    // A prune names no network; re-list rather than trust a destroy for each.
    if (event.action === 'prune') this.#core.touchAll();
    if (!event.actorId) return;
    if (event.action === 'destroy') this.#core.remove(event.actorId);
    else if (event.action === 'create') this.#core.touch(event.actorId);
    // connect and disconnect: the container's row changes, and with it the derived
    // endpoints; its aliases are read again, since only its inspect has them.
    else if (event.action === 'connect' || event.action === 'disconnect') {
      const container = event.attributes.container;
      if (container) this.#aliases?.refresh(container);
    }
  }

  /** The container list moved: the endpoints may have. */
  containersChanged(): void {
    this.#core.rederive();
  }

  dispose(): void {
    this.#aliases?.dispose();
    this.#core.dispose();
  }

  #derive(rows: ReadonlyMap<string, NetworkSummary>): NetworkSummary[] {
    const byId = new Map<string, NetworkEndpoint[]>();
    const byName = new Map<string, NetworkEndpoint[]>();
    const listed = new Set<string>();
    for (const c of this.#opts.containers()) {
      listed.add(c.id);
      for (const n of c.networks) {
        const endpoint: NetworkEndpoint = {
          containerId: c.id,
          containerName: c.name,
          ipv4: n.ipv4,
          ipv6: n.ipv6,
          mac: n.mac,
          // The engine's own networks take no aliases: no inspect is read for them.
          aliases:
            n.aliases.length || !this.#aliases || isPredefinedNetwork(n.name)
              ? n.aliases
              : this.#aliases.aliases(c.id, { id: n.networkId, name: n.name }),
        };
        // A stopped container's entry may have no network id yet: its name is what it joined.
        const [map, key] = n.networkId ? [byId, n.networkId] : [byName, n.name];
        map.set(key, [...(map.get(key) ?? []), endpoint]);
      }
    }
    this.#aliases?.keepOnly(listed);
    const changed: NetworkSummary[] = [];
    for (const network of rows.values()) {
      const endpoints = [...(byId.get(network.id) ?? []), ...(byName.get(network.name) ?? [])].sort(
        (a, b) => a.containerName.localeCompare(b.containerName),
      );
      if (JSON.stringify(endpoints) !== JSON.stringify(network.containers))
        changed.push({ ...network, containers: endpoints });
    }
    return changed;
  }
}
