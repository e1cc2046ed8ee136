// Everything the app holds open to one engine: two dockerode clients named by
// their use, the one `/events` subscription, the container mirror it feeds,
// and the streams a renderer opened on this engine.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { ContainersDelta, ContainersSnapshot } from '../contract/container-types.ts';
import type { EngineInfo } from '../contract/engine-types.ts';
import { ContractError, type ErrorEnvelope } from '../contract/errors.ts';
import { toContainerSummary } from './containers/container-summary.ts';
import { ContainersMirror } from './containers/containers-mirror.ts';
import { engineClient } from './engine-client.ts';
import { EventSubscription } from './events/event-subscription.ts';
import type { EngineEvent } from './events/engine-event.ts';

/** A call whose socket stays silent this long fails; streams have their own deadlines instead. */
const REQUEST_TIMEOUT_MS = 15_000;

interface EngineConnectionOptions {
  engineId: string;
  endpoint: string;
  /** Numbers this engine's container deltas; kept by the owner so a new connection to the same engine goes on from there. */
  nextSeq(): number;
  onDelta(delta: ContainersDelta): void;
  /** The event stream went up or down. */
  onEventsConnected(connected: boolean, reason?: string): void;
  /** An image event arrived, or the stream (re)connected and some may have been missed. */
  onImagesChanged?(): void;
  onError(message: string): void;
}

const IMAGES_COALESCE_MS = 50;

/**
 * Image events (pull, tag, untag, delete, import, load), and the end of a
 * build step: the classic builder commits an untagged image with no image
 * event at all, then destroys its intermediate container.
 */
function mayChangeImages(event: EngineEvent): boolean {
  return (
    event.type === 'image' ||
    (event.type === 'container' && (event.action === 'commit' || event.action === 'destroy'))
  );
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
  readonly mirror: ContainersMirror;
  readonly #events: EventSubscription;
  readonly #opts: EngineConnectionOptions;
  readonly #openStreams = new Set<Readable>();
  #imagesTimer: ReturnType<typeof setTimeout> | undefined;
  #info: EngineInfo | undefined;
  #disposed = false;

  constructor(opts: EngineConnectionOptions) {
    this.#opts = opts;
    this.calls = engineClient(opts.endpoint, { timeoutMs: REQUEST_TIMEOUT_MS });
    const streams = engineClient(opts.endpoint);
    this.streams = streams;
    this.mirror = new ContainersMirror({
      engineId: opts.engineId,
      nextSeq: opts.nextSeq,
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
      onDelta: opts.onDelta,
      onError: opts.onError,
    });
    this.#events = new EventSubscription({
      open: (since) =>
        streams.getEvents(
          since ? { since: since as unknown as number } : {},
        ) as Promise<NodeJS.ReadableStream>,
      onEvent: (event) => {
        if (mayChangeImages(event)) this.#imagesChanged();
        if (event.type !== 'image') this.mirror.applyEvent(event);
      },
      onConnected: () => {
        opts.onEventsConnected(true);
        this.#imagesChanged();
        void this.mirror.heal();
      },
      onDisconnected: (reason) => opts.onEventsConnected(false, reason),
    });
  }

  /** One notice per burst (a pull or a build sends dozens of events). */
  #imagesChanged(): void {
    if (this.#imagesTimer || !this.#opts.onImagesChanged) return;
    this.#imagesTimer = setTimeout(() => {
      this.#imagesTimer = undefined;
      this.#opts.onImagesChanged?.();
    }, IMAGES_COALESCE_MS);
  }

  get eventsConnected(): boolean {
    return this.#events.connected;
  }

  /** What `readInfo` last read; undefined until it succeeded once. */
  get info(): EngineInfo | undefined {
    return this.#info;
  }

  start(): void {
    this.#events.start();
  }

  snapshot(): ContainersSnapshot {
    return this.mirror.snapshot();
  }

  async readInfo(): Promise<EngineInfo> {
    const [info, version] = await Promise.all([this.calls.info(), this.calls.version()]);
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
  get endpoint(): string {
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
    clearTimeout(this.#imagesTimer);
    this.endStreams({ kind: 'cancelled', message: 'The engine was disconnected.' });
    this.#events.stop();
    this.mirror.dispose();
    this.#opts.onEventsConnected(false, 'disconnected by the app');
  }
}
