// The image list of one engine, on the same resource mirror as the containers
// (mirror/resource-mirror.ts). An image event cannot say which rows changed:
// a pull names a reference, not an id; a tag moves a name off another image;
// and an untagged image shows in `docker images` only while no other image is
// built on it. So every image event, and each build step (the classic builder
// commits an image with no image event, then destroys its intermediate
// container), asks for one coalesced re-list, sent as the rows that differ.
// What each row derives from others (shared size, the containers using it)
// is worked out by `derive`, before each delta goes out.
import type { ContainerSummary } from '../../contract/container-types.ts';
import type { ImageSummary, ImagesDelta, ImagesSnapshot } from '../../contract/images-channels.ts';
import type { EngineEvent } from '../events/engine-event.ts';
import { ResourceMirror } from '../mirror/resource-mirror.ts';
import { layerSizesFromHistory, sharedSizes, type HistoryEntry } from './shared-size.ts';

/** An image as `GET /images/json` lists it. */
export interface ListedImage {
  id: string;
  repoTags: string[];
  created: number;
  size: number;
}

export interface ImageEngine {
  /** `docker images`: tagged images, and untagged ones nothing is built on. */
  list(): Promise<ListedImage[]>;
  /**
   * `RootFS.Layers` of one image, and when it was made to the millisecond (the
   * list says whole seconds: two images built in one second would tie);
   * rejects with status 404 once it is gone.
   */
  layers(id: string): Promise<{ layers: string[]; created?: number }>;
  /** `docker history`, oldest entry first. */
  history(id: string): Promise<HistoryEntry[]>;
}

interface ImagesMirrorOptions {
  engineId: string;
  engine: ImageEngine;
  /** The containers of the same engine, for "in use by". */
  containers(): Iterable<ContainerSummary>;
  onDelta(delta: ImagesDelta): void;
  onError(message: string): void;
  nextSeq?: () => number;
  coalesceMs?: number;
}

/** Inspects at once while a list waits for the layers of new images. */
const INSPECT_CONCURRENCY = 8;

export class ImagesMirror {
  readonly #opts: ImagesMirrorOptions;
  readonly #core: ResourceMirror<ImageSummary>;
  /** Images never change: their layers and layer sizes are kept by id. */
  readonly #layers = new Map<string, string[]>();
  /** Seconds since the epoch, to the millisecond, from each image's inspect. */
  readonly #created = new Map<string, number>();
  readonly #layerSizes = new Map<string, number[] | null>();
  /** Shared sizes as last worked out; dropped when the images or the sizes known change. */
  #shared: Map<string, number | null> | null = null;
  #disposed = false;

  constructor(opts: ImagesMirrorOptions) {
    this.#opts = opts;
    this.#core = new ResourceMirror<ImageSummary>({
      engineId: opts.engineId,
      noun: 'images',
      source: { list: () => this.#list() },
      onDelta: opts.onDelta,
      onError: opts.onError,
      coalesceMs: opts.coalesceMs ?? 30,
      ...(opts.nextSeq ? { nextSeq: opts.nextSeq } : {}),
      derive: (rows, rowsChanged) => {
        if (rowsChanged) this.#shared = null;
        return this.#derive(rows);
      },
    });
  }

  snapshot(): ImagesSnapshot {
    return this.#core.snapshot();
  }

  heal(): Promise<void> {
    return this.#core.heal();
  }

  applyEvent(event: EngineEvent): void {
    const buildStep =
      event.type === 'container' && (event.action === 'commit' || event.action === 'destroy');
    if (event.type === 'image' || buildStep) this.#core.touchAll();
  }

  /** The container list moved: "in use by" may have. */
  containersChanged(): void {
    this.#core.rederive();
  }

  dispose(): void {
    this.#disposed = true;
    this.#core.dispose();
  }

  async #list(): Promise<ImageSummary[]> {
    const listed = await this.#opts.engine.list();
    const fresh = listed.filter((i) => !this.#layers.has(i.id));
    const gone = new Set<string>();
    let next = 0;
    const worker = async () => {
      while (next < fresh.length) {
        const image = fresh[next++]!;
        try {
          const { layers, created } = await this.#opts.engine.layers(image.id);
          this.#layers.set(image.id, layers);
          if (created !== undefined) this.#created.set(image.id, created);
        } catch (err) {
          // Removed between the list and the inspect: the next event's list says so.
          if ((err as { statusCode?: number }).statusCode === 404) gone.add(image.id);
          else throw err;
        }
      }
    };
    await Promise.all(Array.from({ length: INSPECT_CONCURRENCY }, worker));
    const listedIds = new Set(listed.map((i) => i.id));
    for (const id of this.#layers.keys()) if (!listedIds.has(id)) this.#forget(id);
    return listed
      .filter((i) => !gone.has(i.id))
      .map((i) => {
        // Derived parts as shown now, so a re-list differs only where the engine's answer does.
        const shown = this.#core.get(i.id);
        return {
          ...i,
          created: this.#created.get(i.id) ?? i.created,
          layers: this.#layers.get(i.id) ?? [],
          sharedSize: shown?.sharedSize ?? null,
          usedBy: shown?.usedBy ?? [],
          dangling: i.repoTags.length === 0,
        };
      });
  }

  #forget(id: string): void {
    this.#layers.delete(id);
    this.#created.delete(id);
    this.#layerSizes.delete(id);
  }

  #derive(rows: ReadonlyMap<string, ImageSummary>): ImageSummary[] {
    const usedBy = new Map<string, string[]>();
    for (const c of this.#opts.containers()) {
      if (c.imageId) usedBy.set(c.imageId, [...(usedBy.get(c.imageId) ?? []), c.name]);
    }
    const images = [...rows.values()];
    // A container change (most changes) leaves the images alone: no need to work sharing out again.
    if (!this.#shared) {
      const { shared, needHistory } = sharedSizes(
        images,
        (id) => this.#layerSizes.get(id) ?? undefined,
        (id) => !this.#layerSizes.has(id),
      );
      this.#shared = shared;
      for (const id of needHistory) void this.#readLayerSizes(id);
    }
    const shared = this.#shared;
    const changed: ImageSummary[] = [];
    for (const image of images) {
      const names = (usedBy.get(image.id) ?? []).sort();
      const sharedSize = shared.get(image.id) ?? null;
      if (sharedSize !== image.sharedSize || names.join('\n') !== image.usedBy.join('\n'))
        changed.push({ ...image, sharedSize, usedBy: names });
    }
    return changed;
  }

  async #readLayerSizes(id: string): Promise<void> {
    const layers = this.#layers.get(id);
    if (!layers || this.#layerSizes.has(id)) return;
    // Asked once: a failure is not asked again, another image sharing the layers may answer.
    this.#layerSizes.set(id, null);
    try {
      const sizes = layerSizesFromHistory(await this.#opts.engine.history(id), layers.length);
      if (this.#disposed || !this.#layers.has(id)) return;
      this.#layerSizes.set(id, sizes);
      this.#shared = null;
      if (!sizes) console.warn(`[images] the history of ${id} does not account for its layers`);
      this.#core.rederive();
    } catch (err) {
      console.warn(`[images] could not read the history of ${id}:`, (err as Error).message);
    }
  }
}
