// The summary the image page shows first: the config's history as the engine
// stored it, each layer's size and entry count, and the efficiency.
import type { ConfigHistoryEntry, ImageAnalysis } from '../../../contract/image-layers-channels.ts';
import type { ImageConfig } from './archive-layout.ts';
import { imageEfficiency } from './efficiency.ts';
import { entriesOf, layerBytes, type StoredLayerList } from './layer-list.ts';

export function historyOf(config: ImageConfig): ConfigHistoryEntry[] {
  return (config.history ?? []).map((h) => {
    const entry: ConfigHistoryEntry = { emptyLayer: h.empty_layer === true };
    if (typeof h.created === 'string') entry.created = h.created;
    if (typeof h.created_by === 'string') entry.createdBy = h.created_by;
    if (typeof h.comment === 'string') entry.comment = h.comment;
    if (typeof h.author === 'string') entry.author = h.author;
    return entry;
  });
}

export function buildAnalysis(
  imageId: string,
  history: ConfigHistoryEntry[],
  layers: readonly { diffId: string; list: StoredLayerList; archivePath?: string }[],
): ImageAnalysis {
  return {
    imageId,
    history,
    layers: layers.map((l) => ({
      diffId: l.diffId,
      size: layerBytes(l.list),
      entries: l.list.paths.length,
      ...(l.archivePath ? { archivePath: l.archivePath } : {}),
    })),
    efficiency: imageEfficiency(layers.map((l) => entriesOf(l.list))),
  };
}
