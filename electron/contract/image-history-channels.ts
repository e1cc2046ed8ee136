// The image page's Layers tab: an image's history as the engine answers it
// (`GET /images/{name}/history`), each step's command cleaned into the
// Dockerfile instruction it came from, the image's layers (`RootFS.Layers`)
// and the local images it was built from.
import { z } from 'zod';
import type { CleanedStep } from './image-history/created-by.ts';
import { imageRef } from './refs.ts';

export interface ImageHistoryEntry {
  /** The step's image id when the engine still has it (`<missing>` in the CLI otherwise). */
  id?: string;
  /** Seconds since the epoch. */
  created: number;
  /** As the engine stores it (`/bin/sh -c #(nop)  ENV A=1`). */
  createdBy: string;
  /** As `docker history --no-trunc` prints it: tabs become spaces. */
  cliText: string;
  step: CleanedStep;
  /** Bytes the step's layer adds, as the engine reports them (0 for metadata-only steps, and for some layers too). */
  size: number;
  comment: string;
  /** Local names of the image this step made. */
  tags: string[];
}

/** A local image this one was built from: its layers and its history are a prefix of this one's. */
export interface BaseImage {
  id: string;
  /** Its first `repo:tag`, or its short id. */
  name: string;
  /** How many of this image's layers (bottom first) are its. */
  layers: number;
  /** How many of this image's history steps (oldest first) are its. */
  steps: number;
}

export interface ImageHistory {
  imageId: string;
  repoTags: string[];
  /** Newest first, as the engine and the CLI list them. */
  entries: ImageHistoryEntry[];
  /** `RootFS.Layers`: the layers' diffIDs, bottom first. */
  diffIds: string[];
  /** Base images, fewest layers first (the nearest base is the last). */
  bases: BaseImage[];
}

export interface ImageHistoryCalls {
  /** `docker history --no-trunc` with each step cleaned, the layers and the base images. */
  'images.history': { args: [ref: string]; result: ImageHistory };
}

export const imageHistoryCallArgs: {
  [K in keyof ImageHistoryCalls]: z.ZodType<ImageHistoryCalls[K]['args']>;
} = {
  'images.history': z.tuple([imageRef]),
};
