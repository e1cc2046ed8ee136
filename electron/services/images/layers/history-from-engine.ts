// An image whose layers are all cached but which was never analysed itself
// (a `FROM x` + `LABEL`, a re-commit, a retag under a new config) needs only
// its history to be analysed, and the engine's history API gives that without
// the archive. It does not say which entries made no layer, though; its sizes
// do when they are unambiguous: a layer of 0 bytes (only empty files, links or
// whiteouts) and a metadata-only entry look alike. So the flags of the parent
// image's analysis, when cached, are taken for the entries it shares; of the
// rest, this answers only when the number of non-zero entries equals the
// number of layers left (then every 0-byte entry is metadata-only). Times come
// to the second, where the config has nanoseconds.
import type Docker from 'dockerode';
import type { ConfigHistoryEntry, ImageAnalysis } from '../../../contract/image-layers-channels.ts';

/** One entry of the engine's history API (`GET /images/{id}/history`), newest first. */
export interface EngineHistoryEntry {
  Created?: number;
  CreatedBy?: string;
  Comment?: string;
  Size?: number;
}

export async function historyFromEngine(
  calls: Docker,
  imageId: string,
  layerCount: number,
  parent?: ImageAnalysis,
): Promise<ConfigHistoryEntry[] | undefined> {
  const entries = (await calls.getImage(imageId).history()) as EngineHistoryEntry[];
  return historyFromEntries(entries, layerCount, parent);
}

/** The config's history from the API's entries, or undefined when which made a layer is ambiguous. */
export function historyFromEntries(
  entries: readonly EngineHistoryEntry[],
  layerCount: number,
  parent?: ImageAnalysis,
): ConfigHistoryEntry[] | undefined {
  const oldestFirst = [...entries].reverse();
  const known = parent && sharesHistory(parent.history, oldestFirst) ? parent.history : [];
  const knownLayers = known.filter((h) => !h.emptyLayer).length;
  const rest = oldestFirst.slice(known.length);
  const nonEmpty = rest.filter((h) => (h.Size ?? 0) > 0).length;
  if (knownLayers + nonEmpty !== layerCount) return undefined;
  return oldestFirst.map((h, i) => {
    const emptyLayer = i < known.length ? known[i]!.emptyLayer : (h.Size ?? 0) === 0;
    const entry: ConfigHistoryEntry = { emptyLayer };
    if (typeof h.Created === 'number' && h.Created > 0) {
      entry.created = new Date(h.Created * 1000).toISOString();
    }
    if (typeof h.CreatedBy === 'string' && h.CreatedBy !== '') entry.createdBy = h.CreatedBy;
    if (typeof h.Comment === 'string' && h.Comment !== '') entry.comment = h.Comment;
    return entry;
  });
}

/** The parent's history is where this one's starts (same commands, in order). */
function sharesHistory(parent: ConfigHistoryEntry[], entries: { CreatedBy?: string }[]): boolean {
  if (parent.length > entries.length) return false;
  return parent.every((h, i) => (h.createdBy ?? '') === (entries[i]!.CreatedBy ?? ''));
}
