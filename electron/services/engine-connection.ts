// Everything the app holds open to one engine: a dockerode client, the one
// `/events` subscription, and the container mirror it feeds.
import type Docker from 'dockerode';
import type { ContainersDelta } from '../contract/container-types.ts';
import type { EngineInfo } from '../contract/engine-types.ts';
import { toContainerSummary } from './containers/container-summary.ts';
import { ContainersMirror } from './containers/containers-mirror.ts';
import { engineClient } from './engine-client.ts';
import { EventSubscription } from './events/event-subscription.ts';
import type { EngineEvent } from './events/engine-event.ts';

/** Plain requests give up after this; the event stream has no deadline (it is meant to stay open). */
export const REQUEST_TIMEOUT_MS = 15_000;

export interface EngineConnectionOptions {
  engineId: string;
  endpoint: string;
  /** Numbers container deltas across connections, so a client never sees a seq go backwards. */
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
  readonly docker: Docker;
  /** Without a request timeout, for streams meant to stay open (events, stats). */
  readonly streaming: Docker;
  readonly mirror: ContainersMirror;
  readonly #events: EventSubscription;
  readonly #opts: EngineConnectionOptions;
  #imagesTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(opts: EngineConnectionOptions) {
    this.#opts = opts;
    this.docker = engineClient(opts.endpoint, { timeoutMs: REQUEST_TIMEOUT_MS });
    const streaming = engineClient(opts.endpoint);
    this.streaming = streaming;
    this.mirror = new ContainersMirror({
      engineId: opts.engineId,
      nextSeq: opts.nextSeq,
      source: {
        list: async (ids) => {
          const filters = ids ? JSON.stringify({ id: ids }) : undefined;
          const items = await this.docker.listContainers({
            all: true,
            ...(filters ? { filters } : {}),
          });
          const readAt = Date.now();
          // The id filter matches prefixes; keep exact ids only.
          return items
            .filter((c) => !ids || ids.includes(c.Id))
            .map((c) => toContainerSummary(c, readAt));
        },
      },
      onDelta: opts.onDelta,
      onError: opts.onError,
    });
    this.#events = new EventSubscription({
      open: (since) =>
        streaming.getEvents(
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

  start(): void {
    this.#events.start();
  }

  async info(): Promise<EngineInfo> {
    const [info, version] = await Promise.all([this.docker.info(), this.docker.version()]);
    return {
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
  }

  dispose(): void {
    clearTimeout(this.#imagesTimer);
    this.#events.stop();
    this.mirror.dispose();
    this.#opts.onEventsConnected(false, 'disconnected by the app');
  }
}
