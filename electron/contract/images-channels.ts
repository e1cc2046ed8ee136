// The images domain of the contract: local images, what one declares,
// removing and pulling.
import { z } from 'zod';
import { imageRef } from './refs.ts';

export interface ImageCalls {
  /** Local images: the Images page, and the dialog's suggestions. */
  'images.list': { args: []; result: ImageSummary[] };
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
  /** Seconds since the epoch. */
  created: number;
  size: number;
}

export const imageCallArgs: { [K in keyof ImageCalls]: z.ZodType<ImageCalls[K]['args']> } = {
  'images.list': z.tuple([]),
  'images.inspect': z.tuple([imageRef]),
  'images.remove': z.tuple([
    imageRef,
    z.object({ force: z.boolean().optional() }).strict().optional(),
  ]),
};

export interface ImageEvents {
  /** The engine's images changed (pulled, tagged, removed...): list them again. */
  'images.changed': { engineId: string };
}

export interface ImageStreams {
  /**
   * `docker pull`: PullLines (pull-progress.ts) as newline-delimited JSON; ends
   * with the engine's own error, or a timeout when the registry never answers.
   * Closing the stream aborts the pull.
   */
  'images.pull': { args: [query: { ref: string }] };
}

export const imageStreamArgs: {
  [K in keyof ImageStreams]: z.ZodType<ImageStreams[K]['args']>;
} = {
  'images.pull': z.tuple([z.object({ ref: imageRef }).strict()]),
};
