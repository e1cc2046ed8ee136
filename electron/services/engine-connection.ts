// Everything the app holds open to one engine: two dockerode clients named by
// their use, the one `/events` subscription, the mirrors it feeds (containers,
// images, volumes, networks), and the streams a renderer opened on this engine.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { EngineInfo } from '../contract/engine-types.ts';
import { ContractError, type ErrorEnvelope } from '../contract/errors.ts';
import type {
  MirrorDeltaArgs,
  MirroredResource,
  MirroredRows,
  ResourceSnapshot,
} from '../contract/mirror-types.ts';
import { toContainerSummary } from './containers/container-summary.ts';
import { ContainersMirror } from './containers/containers-mirror.ts';
import { endpointClient } from './engine-client.ts';
import type { EngineEndpoint } from '../engine/endpoint.ts';
import { EngineLatency } from './engine-latency.ts';
import { EventSubscription } from './events/event-subscription.ts';
import { EventRing } from './events/event-ring.ts';
import { imageEngine } from './images/image-engine.ts';
import { ImagesMirror } from './images/images-mirror.ts';
import { aliasReader, networkEngine } from './networks/network-engine.ts';
import { NetworksMirror } from './networks/networks-mirror.ts';
import { volumeEngine } from './volumes/volume-engine.ts';
import { VolumesMirror } from './volumes/volumes-mirror.ts';

/** A call whose socket stays silent this long fails; streams have their own deadlines instead. */
const REQUEST_TIMEOUT_MS = 15_000;

interface EngineConnectionOptions {
  engineId: string;
  endpoint: EngineEndpoint;
  /** Numbers this engine's deltas of one resource; kept by the owner so a new connection to the same engine goes on from there. */
  nextSeq(resource: MirroredResource): number;
  onDelta(...args: MirrorDeltaArgs): void;
  /** The event stream went up or down. */
  onEventsConnected(connected: boolean, reason?: string): void;
  onError(message: string): void;
  /** The round trip to the engine changed (engine-latency.ts). */
  onLatency?(latencyMs: number | undefined): void;
}

export class EngineConnection {
  /**
   * For calls (list, inspect, start, create...): a socket silent for
   * REQUEST_TIMEOUT_MS fails the request, so a hung engine never hangs a call.
   */
  readonly calls: Docker;
  /**
   * For streams (events, stats, pulls, logs, terminals): no socket timeout,
   * since a healthy stream may be quiet for long (a paused consumer, a slow
   * registry); each stream keeps its own deadlines.
   */
  readonly streams: Docker;
  /** The containers' mirror. */
  readonly mirror: ContainersMirror;
  readonly images: ImagesMirror;
  readonly volumes: VolumesMirror;
  readonly networks: NetworksMirror;
  /** The recent events, for the Events page (events/event-ring.ts). */
  readonly eventLog = new EventRing();
  readonly #events: EventSubscription;
  readonly #opts: EngineConnectionOptions;
  readonly #openStreams = new Set<Readable>();
  readonly #latency: EngineLatency;
  #info: EngineInfo | undefined;
  #disposed = false;

  constructor(opts: EngineConnectionOptions) {
    this.#opts = opts;
    const client = endpointClient(opts.endpoint, REQUEST_TIMEOUT_MS);
    this.calls = client.calls;
    this.#latency = EngineLatency.forClient(this.calls, (ms) => opts.onLatency?.(ms));
    const streams = client.streams;
    this.streams = streams;
    this.images = new ImagesMirror({
      engineId: opts.engineId,
      nextSeq: () => opts.nextSeq('images'),
      engine: imageEngine(this.calls),
      containers: () => this.mirror.values(),
      onDelta: (delta) => opts.onDelta('images', delta),
      onError: opts.onError,
    });
    this.volumes = new VolumesMirror({
      engineId: opts.engineId,
      nextSeq: () => opts.nextSeq('volumes'),
      engine: volumeEngine(this.calls),
      containers: () => this.mirror.values(),
      onDelta: (delta) => opts.onDelta('volumes', delta),
      onError: opts.onError,
    });
    this.networks = new NetworksMirror({
      engineId: opts.engineId,
      nextSeq: () => opts.nextSeq('networks'),
      engine: networkEngine(this.calls),
      aliases: aliasReader(this.calls),
      containers: () => this.mirror.values(),
      onDelta: (delta) => opts.onDelta('networks', delta),
      onError: opts.onError,
    });
    this.mirror = new ContainersMirror({
      engineId: opts.engineId,
      nextSeq: () => opts.nextSeq('containers'),
      source: {
        list: async (ids) => {
          const filters = ids ? JSON.stringify({ id: ids }) : undefined;
          const items = await this.calls.listContainers({
            all: true,
            ...(filters ? { filters } : {}),
          });
          const readAt = Date.now();
          // The id filter matches prefixes; keep exact ids only.
          return items
            .filter((c) => !ids || ids.includes(c.Id))
            .map((c) => toContainerSummary(c, readAt));
        },
        stopTimeout: async (id) => {
          const info = await this.calls.getContainer(id).inspect();
          return (info.Config as { StopTimeout?: number }).StopTimeout;
        },
      },
      onDelta: (delta) => {
        opts.onDelta('containers', delta);
        this.images.containersChanged();
        this.volumes.containersChanged();
        this.networks.containersChanged();
      },
      onError: opts.onError,
    });
    this.#events = new EventSubscription({
      open: (since) =>
        streams.getEvents(
          since ? { since: since as unknown as number } : {},
        ) as Promise<NodeJS.ReadableStream>,
      onEvent: (event, raw) => {
        this.eventLog.push(event, raw);
        this.images.applyEvent(event);
        this.volumes.applyEvent(event);
        this.networks.applyEvent(event);
        this.mirror.applyEvent(event);
      },
      onConnected: () => {
        opts.onEventsConnected(true);
        // The containers first, the rest once they are in: over ssh:// each
        // request in flight is a channel and a `docker system dial-stdio` run on
        // the host, and the list the first page shows should not queue behind them.
        void this.mirror.heal().finally(() => {
          void this.images.heal();
          void this.volumes.heal();
          void this.networks.heal();
        });
      },
      onDisconnected: (reason) => opts.onEventsConnected(false, reason),
    });
  }

  get eventsConnected(): boolean {
    return this.#events.connected;
  }

  /** What `readInfo` last read; undefined until it succeeded once. */
  get info(): EngineInfo | undefined {
    return this.#info;
  }

  /** The last `/_ping` round trip, in ms. */
  get latencyMs(): number | undefined {
    return this.#latency.latencyMs;
  }

  start(): void {
    this.#events.start();
    this.#latency.start();
  }

  snapshot<R extends MirroredResource>(resource: R): ResourceSnapshot<MirroredRows[R]> {
    const mirrors: { [K in MirroredResource]: { snapshot(): ResourceSnapshot<MirroredRows[K]> } } =
      {
        containers: this.mirror,
        images: this.images,
        volumes: this.volumes,
        networks: this.networks,
      };
    return mirrors[resource].snapshot();
  }

  async readInfo(): Promise<EngineInfo> {
    // One after the other, on one kept-alive connection: over ssh:// each
    // connection in flight is a `docker system dial-stdio` started on the host.
    const info = await this.calls.info();
    const version = await this.calls.version();
    this.#info = {
      version: version.Version,
      apiVersion: version.ApiVersion,
      os: info.OperatingSystem ?? version.Os,
      arch: version.Arch,
      kernelVersion: version.KernelVersion ?? info.KernelVersion ?? '',
      cpus: info.NCPU ?? 0,
      memoryBytes: info.MemTotal ?? 0,
      name: info.Name ?? '',
      containers: info.Containers ?? 0,
      images: info.Images ?? 0,
    };
    return this.#info;
  }

  /** Where this engine answers (a helper that opens its own socket needs it). */
  get endpoint(): EngineEndpoint {
    return this.#opts.endpoint;
  }

  /**
   * Registers a stream a renderer opened on this engine, so `endStreams` can
   * end it; it leaves the set when it closes by itself.
   */
  track(stream: Readable): Readable {
    if (this.#disposed) {
      stream.destroy(
        new ContractError({ kind: 'cancelled', message: 'The engine was disconnected.' }),
      );
      return stream;
    }
    this.#openStreams.add(stream);
    stream.once('close', () => this.#openStreams.delete(stream));
    return stream;
  }

  /** Ends every stream opened on this engine with `error`, which the renderer sees as the stream's end. */
  endStreams(error: ErrorEnvelope): void {
    const open = [...this.#openStreams];
    this.#openStreams.clear();
    for (const stream of open) stream.destroy(new ContractError(error));
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.endStreams({ kind: 'cancelled', message: 'The engine was disconnected.' });
    this.#events.stop();
    this.#latency.stop();
    this.mirror.dispose();
    this.images.dispose();
    this.volumes.dispose();
    this.networks.dispose();
    this.#opts.onEventsConnected(false, 'disconnected by the app');
  }
}
