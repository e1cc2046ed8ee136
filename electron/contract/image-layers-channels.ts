// The image page's domain: reading an image's archive once (one pass, off the
// main thread, each layer's file list cached on disk by its diffID), then its
// layers' file trees and its efficiency from that cache, and its history
// matched to its layers.
import { z } from 'zod';
import { imageRef, sha256Digest } from './refs.ts';

/** One entry of the image config's `history`, as the engine keeps it. */
export interface ConfigHistoryEntry {
  created?: string;
  createdBy?: string;
  comment?: string;
  author?: string;
  /** Metadata only (ENV, CMD, LABEL…): made no layer. */
  emptyLayer: boolean;
}

export interface AnalysedLayer {
  /** From the config's `rootfs.diff_ids`, bottom layer first. */
  diffId: string;
  /** Bytes of the files the layer writes (uncompressed). */
  size: number;
  /** Entries in the layer (files, folders, links, whiteouts). */
  entries: number;
  /**
   * The layer's member in the archive (`<id>/layer.tar`, `blobs/sha256/<hex>`),
   * so the page can show the `docker save | tar` line that lists it.
   */
  archivePath?: string;
}

export interface WastedPath {
  path: string;
  /** Every copy of the path across the layers, smallest included. */
  copies: number;
  totalBytes: number;
  /** All copies but the smallest. */
  wastedBytes: number;
  /** Indexes into `layers` of the layers that wrote it, bottom first. */
  layers: number[];
}

export interface ImageEfficiency {
  /** Sum of the smallest copy of each path over the sum of all copies (1 when nothing is wasted). */
  score: number;
  wastedBytes: number;
  /** The worst paths, most wasted first (at most 100). */
  worst: WastedPath[];
}

export interface ImageAnalysis {
  imageId: string;
  /** The config's history, oldest first, as the engine stored it. */
  history: ConfigHistoryEntry[];
  layers: AnalysedLayer[];
  efficiency: ImageEfficiency;
}

/** A line of the `images.analyse` stream (newline-delimited JSON). */
export type AnalyseLine =
  /** Bytes of the archive read so far, of `total` when the engine's size is known. */
  { kind: 'progress'; read: number; total?: number } | { kind: 'done'; analysis: ImageAnalysis };

export type LayerEntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
export type LayerChange = 'added' | 'modified' | 'removed' | 'unchanged';

export interface LayerEntry {
  /** Relative to the root, no leading `./` or `/` (`usr/bin/env`); any bytes a name may hold, as text. */
  path: string;
  kind: LayerEntryKind;
  size: number;
  mode: number;
  uid: number;
  gid: number;
  /** Symlink or hard-link target, as stored. */
  linkTarget?: string;
  /** Against the layers below: `unchanged` only in the `filesystem` view. */
  change: LayerChange;
}

export interface LayerFilesQuery {
  imageId: string;
  /** Index into the analysis' `layers`, bottom first. */
  layer: number;
  /** `changes`: what this layer added, modified and removed; `filesystem`: the image as of this layer. */
  view: 'changes' | 'filesystem';
}

export interface ImageLayerCalls {
  /** The files of one layer, from the cache `images.analyse` filled; sorted by path. */
  'images.layerFiles': { args: [query: LayerFilesQuery]; result: LayerEntry[] };
}

export interface ImageLayerStreams {
  /**
   * Reads the image's archive (`GET /images/{name}/get`) once, or answers at
   * once from the cache: AnalyseLines, ending with `done`. Closing the stream
   * cancels the read.
   */
  'images.analyse': { args: [query: { ref: string }] };
}

export const imageLayerCallArgs: {
  [K in keyof ImageLayerCalls]: z.ZodType<ImageLayerCalls[K]['args']>;
} = {
  'images.layerFiles': z.tuple([
    z
      .object({
        imageId: sha256Digest,
        layer: z.number().int().min(0).max(10_000),
        view: z.enum(['changes', 'filesystem']),
      })
      .strict(),
  ]),
};

export const imageLayerStreamArgs: {
  [K in keyof ImageLayerStreams]: z.ZodType<ImageLayerStreams[K]['args']>;
} = {
  'images.analyse': z.tuple([z.object({ ref: imageRef }).strict()]),
};
