// Answers `images.analyse` without the archive when the cache allows: the
// image's own analysis with every layer list it needs, or, for an image never
// analysed whose layers all are (it shares them), one built from those lists
// and the engine's history.
import type Docker from 'dockerode';
import type { ImageAnalysis } from '../../../contract/image-layers-channels.ts';
import { historyFromEngine } from './history-from-engine.ts';
import { buildAnalysis } from './image-analysis.ts';
import type { LayerCache } from './layer-cache.ts';
import type { StoredLayerList } from './layer-list.ts';

interface CacheDeps {
  calls: Docker;
  cache: LayerCache;
}

/** The analysis of an image never analysed whose layers all are (it shares them), without the archive. */
export async function fromSharedLayers(
  deps: CacheDeps,
  imageId: string,
  diffIds: string[],
  parentId: string | undefined,
): Promise<ImageAnalysis | undefined> {
  // The parent (set by builds and commits on this engine) may already be analysed: its flags are exact.
  const parent =
    parentId && /^sha256:[0-9a-f]{64}$/.test(parentId)
      ? await deps.cache.readImage(parentId)
      : undefined;
  const sameLayers =
    parent !== undefined &&
    parent.layers.length === diffIds.length &&
    parent.layers.every((l, i) => l.diffId === diffIds[i]);
  let analysis: ImageAnalysis;
  if (sameLayers) {
    // A LABEL, ENV or CMD on top: the parent's layers and efficiency are this image's too.
    for (const diffId of new Set(diffIds))
      if (!(await deps.cache.hasLayer(diffId))) return undefined;
    const history = await historyFromEngine(deps.calls, imageId, diffIds.length, parent);
    if (!history) return undefined;
    analysis = { imageId, history, layers: parent.layers, efficiency: parent.efficiency };
  } else {
    const lists: { diffId: string; list: StoredLayerList }[] = [];
    for (const diffId of diffIds) {
      const list = await deps.cache.readLayer(diffId);
      if (!list) return undefined;
      lists.push({ diffId, list });
    }
    const history = await historyFromEngine(deps.calls, imageId, diffIds.length, parent);
    if (!history) return undefined;
    analysis = buildAnalysis(imageId, history, lists);
  }
  await deps.cache.writeImage(analysis);
  return analysis;
}

/** The cached analysis, when it and every layer list it needs are on disk. */
export async function fromCache(
  cache: LayerCache,
  imageId: string,
  diffIds: string[],
): Promise<ImageAnalysis | undefined> {
  const analysis = await cache.readImage(imageId);
  if (!analysis) return undefined;
  const same =
    analysis.layers.length === diffIds.length &&
    analysis.layers.every((l, i) => l.diffId === diffIds[i]);
  if (!same) return undefined;
  for (const diffId of new Set(diffIds)) if (!(await cache.hasLayer(diffId))) return undefined;
  return analysis;
}
