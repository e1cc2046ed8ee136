// Making images from what is there: `docker commit` of a container, and
// cleaning up with `docker image prune` (dangling or all unused images, and
// the build cache where the engine keeps one).
import { z } from 'zod';
import { changeProblem, type CommitSpec } from './commit-spec.ts';
import { containerRef, imageRepository, imageTag } from './refs.ts';

export type { CommitSpec } from './commit-spec.ts';

/** One image a prune would remove (or did). */
export interface PrunedImage {
  id: string;
  /** Its `repo:tag` names (an untagged image: none). */
  repoTags: string[];
  /** `docker images`' size: all its layers, shared or not. */
  size: number;
}

export interface PrunePreview {
  all: boolean;
  /** What `docker image prune [-a]` would remove now, newest first. */
  images: PrunedImage[];
  /** Bytes of the layers no image left would use: what the engine would report freed. */
  bytesFreed: number;
  /** Images kept because a container (running or stopped) uses them, or a kept image is built on them. */
  keptInUse: number;
  /** `docker system df`'s build cache; null when the engine keeps none. */
  buildCache: { bytes: number; entries: number } | null;
}

export interface PruneResult {
  /** Image ids the engine deleted. */
  deleted: string[];
  /** Names the engine untagged. */
  untagged: string[];
  /** As the engine reports it. */
  bytesFreed: number;
}

export interface ImageCommitCalls {
  /** `docker commit`: the new image's id. */
  'images.commit': { args: [spec: CommitSpec]; result: { id: string } };
  /** What `docker image prune [-a]` would remove, worked out from the engine's lists. */
  'images.prunePreview': { args: [query: { all: boolean }]; result: PrunePreview };
  /** `docker image prune [-a] -f`. */
  'images.prune': { args: [query: { all: boolean }]; result: PruneResult };
  /** `docker builder prune -f`: the bytes the engine freed. */
  'images.pruneBuildCache': { args: []; result: { bytesFreed: number } };
}

const commitSpec: z.ZodType<CommitSpec> = z
  .strictObject({
    container: containerRef,
    repository: z.union([z.literal(''), imageRepository]),
    tag: z.union([z.literal(''), imageTag]),
    message: z.string().max(65_536),
    author: z.string().max(1024),
    pause: z.boolean(),
    changes: z
      .array(
        z
          .string()
          .max(65_536)
          .superRefine((line, ctx) => {
            const problem = changeProblem(line);
            if (problem) ctx.addIssue({ code: 'custom', message: problem });
          }),
      )
      .max(256),
  })
  .refine((s) => s.repository !== '' || s.tag === '', {
    message: 'A tag needs a repository',
    path: ['tag'],
  });

const pruneQuery = z.tuple([z.strictObject({ all: z.boolean() })]);

export const imageCommitCallArgs: {
  [K in keyof ImageCommitCalls]: z.ZodType<ImageCommitCalls[K]['args']>;
} = {
  'images.commit': z.tuple([commitSpec]),
  'images.prunePreview': pruneQuery,
  'images.prune': pruneQuery,
  'images.pruneBuildCache': z.tuple([]),
};
