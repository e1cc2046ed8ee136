// The Layers tab's rows: the engine's history (newest first), each step with
// the layer it made once the image's archive has been read (its config says
// which steps made layers), and the base image it came from.
import type { ImageAnalysis } from '../../../../electron/contract/image-layers-channels.ts';
import type {
  ImageHistory,
  ImageHistoryEntry,
} from '../../../../electron/contract/image-history-channels.ts';
import { stepText } from '../../../../electron/contract/image-history/created-by.ts';
import {
  alignHistories,
  matchHistoryToLayers,
} from '../../../../electron/contract/image-history/layer-match.ts';

export interface LayerRow {
  entry: ImageHistoryEntry;
  /** `RUN echo hi`. */
  text: string;
  /**
   * The layer the step made (index bottom first, and its diffID), null for a
   * metadata-only step, undefined until the archive has been read.
   */
  layer?: { index: number; diffId: string } | null;
  /** The base image the step belongs to (the first image that had it). */
  base?: string;
}

export interface LayerRows {
  rows: LayerRow[];
  /** Why steps could not be matched to layers, when the archive disagrees with them. */
  problem?: string;
}

export function layerRows(
  history: ImageHistory,
  analysis: Pick<ImageAnalysis, 'history' | 'layers'> | null,
): LayerRows {
  const n = history.entries.length;
  const rows: LayerRow[] = history.entries.map((entry, i) => {
    const oldestFirst = n - 1 - i;
    const base = history.bases.find((b) => b.steps > oldestFirst)?.name;
    return { entry, text: stepText(entry.step), ...(base ? { base } : {}) };
  });
  if (!analysis) return { rows };

  const archiveLayers = analysis.layers.map((l) => l.diffId);
  if (archiveLayers.join() !== history.diffIds.join()) {
    return { rows, problem: "The image's archive has other layers than the engine lists." };
  }
  const aligned = alignHistories(history.entries, analysis.history);
  if (!aligned.aligned) return { rows, problem: aligned.reason };
  const match = matchHistoryToLayers(analysis.history, history.diffIds);
  if (!match.matched) return { rows, problem: match.reason };
  return {
    rows: rows.map((row, i) => {
      const index = match.layerOf[aligned.configIndexOf[i]!]!;
      return { ...row, layer: index === null ? null : { index, diffId: history.diffIds[index]! } };
    }),
  };
}

/** What a screen reader says for the row; the raw command is its description. */
export function rowLabel(row: LayerRow, size: string): string {
  const parts = [row.text, size];
  if (row.layer === null) parts.push('metadata only, no layer');
  if (row.layer) parts.push(`layer ${row.layer.index + 1} ${shortDigest(row.layer.diffId)}`);
  if (row.base) parts.push(`base layer from ${row.base}`);
  if (row.entry.comment) parts.push(`comment: ${row.entry.comment}`);
  return parts.join(', ');
}

export const shortDigest = (digest: string) => digest.replace(/^sha256:/, '').slice(0, 12);
