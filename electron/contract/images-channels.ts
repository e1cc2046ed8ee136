// The images domain of the contract: the live list of local images, what one
// declares, removing and pulling.
import { z } from 'zod';
import type { ResourceDelta, ResourceSnapshot } from './mirror-types.ts';
import { imagePlatform } from './image-platform.ts';
import { imageRef } from './refs.ts';

export interface ImageCalls {
  /** Local images as `docker images` lists them, kept by events: the snapshot `images.delta` goes on from. */
  'images.list': { args: []; result: ImagesSnapshot };
  /** What an image declares, to pre-fill the New container dialog. */
  'images.inspect': { args: [ref: string]; result: ImageDetails };
  /** `docker rmi`: `force` also removes an image other names or stopped containers use. */
  'images.remove': { args: [ref: string, options?: { force?: boolean }]; result: void };
}

export interface ImageDetails {
  id: string;
  repoTags: string[];
  /** `80/tcp`, from EXPOSE. */
  exposedPorts: string[];
  /** Paths from VOLUME. */
  volumes: string[];
  cmd: string[];
  entrypoint: string[];
  workingDir: string;
  user: string;
}

export interface ImageSummary {
  id: string;
  /** `repo:tag` names; empty for an untagged image. */
  repoTags: string[];
  /** Seconds since the epoch, to the millisecond (from the image's inspect). */
  created: number;
  /** Bytes of all its layers, as `docker images` says. */
  size: number;
  /** Its layers' diffIDs (`RootFS.Layers`), bottom first. */
  layers: string[];
  /**
   * Bytes of its layers that at least one other listed image uses too (as
   * `docker system df -v` counts them); null while it is being worked out.
   */
  sharedSize: number | null;
  /** Names of the containers made from it, running or not. */
  usedBy: string[];
  /** Untagged: what `docker images -f dangling=true` lists. */
  dangling: boolean;
}

export type ImagesDelta = ResourceDelta<ImageSummary>;
export type ImagesSnapshot = ResourceSnapshot<ImageSummary>;

export const imageCallArgs: { [K in keyof ImageCalls]: z.ZodType<ImageCalls[K]['args']> } = {
  'images.list': z.tuple([]),
  'images.inspect': z.tuple([imageRef]),
  'images.remove': z.tuple([
    imageRef,
    z.object({ force: z.boolean().optional() }).strict().optional(),
  ]),
};

export interface ImageEvents {
  /** A change to the list (pulled, built, tagged, removed...), numbered as mirror-types.ts says. */
  'images.delta': ImagesDelta;
}

export interface ImageStreams {
  /**
   * `docker pull`: PullLines (pull-progress.ts) as newline-delimited JSON; ends
   * with the engine's own error, or a timeout when the registry never answers.
   * Closing the stream aborts the pull. `platform`: `os/arch[/variant]`, as
   * `docker pull --platform`; the engine's own when absent.
   */
  'images.pull': { args: [query: PullQuery] };
}

export interface PullQuery {
  ref: string;
  platform?: string;
}

export const imageStreamArgs: {
  [K in keyof ImageStreams]: z.ZodType<ImageStreams[K]['args']>;
} = {
  'images.pull': z.tuple([
    z.object({ ref: imageRef, platform: imagePlatform.optional() }).strict(),
  ]),
};
