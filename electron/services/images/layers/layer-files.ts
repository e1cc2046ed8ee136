// `images.layerFiles`: one layer's files, in either view, from the lists the
// analysis cached. The last lists read stay in memory (bounded by entries), so
// walking up and down an image's layers parses each file once.
import { ContractError } from '../../../contract/errors.ts';
import type { LayerEntry, LayerFilesQuery } from '../../../contract/image-layers-channels.ts';
import { filesystemAt, layerChanges } from './layer-algebra.ts';
import type { LayerCache } from './layer-cache.ts';
import { entriesOf, type RawEntry } from './layer-list.ts';

const MEMO_MAX_ENTRIES = 1_000_000;

export class LayerFiles {
  readonly #cache: () => LayerCache;
  readonly #memo = new Map<string, RawEntry[]>();
  #memoEntries = 0;

  constructor(cache: () => LayerCache) {
    this.#cache = cache;
  }

  async files(query: LayerFilesQuery): Promise<LayerEntry[]> {
    const cache = this.#cache();
    const analysis = await cache.readImage(query.imageId);
    if (!analysis) throw notAnalysed(query.imageId);
    if (query.layer >= analysis.layers.length) {
      throw new ContractError({
        kind: 'bad-request',
        message: `The image has ${analysis.layers.length} layers; there is no layer ${query.layer}.`,
      });
    }
    const layers: RawEntry[][] = [];
    for (let i = 0; i <= query.layer; i++) {
      const diffId = analysis.layers[i]!.diffId;
      const entries = await this.#layer(cache, diffId);
      if (!entries) throw notAnalysed(query.imageId);
      layers.push(entries);
    }
    return query.view === 'changes'
      ? layerChanges(layers, query.layer)
      : filesystemAt(layers, query.layer);
  }

  async #layer(cache: LayerCache, diffId: string): Promise<RawEntry[] | undefined> {
    const known = this.#memo.get(diffId);
    if (known) {
      // Most recently used last, so the oldest is dropped first.
      this.#memo.delete(diffId);
      this.#memo.set(diffId, known);
      return known;
    }
    const stored = await cache.readLayer(diffId);
    if (!stored) return undefined;
    const entries = entriesOf(stored);
    this.#memo.set(diffId, entries);
    this.#memoEntries += entries.length;
    for (const [key, value] of this.#memo) {
      if (this.#memoEntries <= MEMO_MAX_ENTRIES || key === diffId) break;
      this.#memo.delete(key);
      this.#memoEntries -= value.length;
    }
    return entries;
  }
}

function notAnalysed(imageId: string): ContractError {
  return new ContractError({
    kind: 'not-found',
    message: `The layers of ${imageId.slice(7, 19)} are not read yet (or their cache was cleared).`,
    hint: 'Open the image again: it reads the layers once more.',
  });
}
