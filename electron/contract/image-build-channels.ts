// Building an image from a folder (`docker build`, classic builder): a call
// that looks at the context before anything is sent, and the build itself as
// a stream of BuildLines (build-lines.ts). Paths are on the machine Berth's
// server (or the desktop app's main process) runs on, not the browser's.
import { z } from 'zod';
import { imageTagTarget } from './refs.ts';

/** An absolute path on Berth's own machine (POSIX, or a Windows drive or share), no NUL. */
export const hostPath = z
  .string()
  .max(4096, 'a path is at most 4096 characters')
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'give an absolute path (it starts with / or a drive)')
  .refine((path) => !path.includes('\0'), 'a path has no NUL character');

/** The Dockerfile: relative to the context (as `-f` takes it) or absolute; no NUL. */
export const dockerfilePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => !path.includes('\0'), 'a path has no NUL character');

/** `KEY=value`, as `--build-arg` takes it (the key the Dockerfile's ARG names). */
export const buildArg = z
  .string()
  .max(65536)
  .regex(/^[A-Za-z_][A-Za-z0-9_]*=/, 'a build arg is KEY=value')
  .refine((arg) => !arg.includes('\0'), 'a build arg has no NUL character');

/** A stage name from `FROM … AS name`, as the builder accepts it. */
export const stageName = z
  .string()
  .max(128)
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'a stage name starts with a letter: letters, digits, _ . -');

export interface BuildContextQuery {
  /** The folder sent to the engine. */
  context: string;
  /** Relative to the context, or absolute; `Dockerfile` when absent. */
  dockerfile?: string;
}

export interface BuildOptions extends BuildContextQuery {
  /** `-t`, each one; none leaves the image untagged. */
  tags: string[];
  /** `--build-arg KEY=value`. */
  buildArgs: string[];
  /** `--target`: the stage to stop at. */
  target?: string;
  /** `--no-cache`. */
  noCache?: boolean;
  /** `--pull`: fetch a newer base image even when one is local. */
  pull?: boolean;
}

/** What would be sent, measured before sending it. */
export interface BuildContextInfo {
  /** Files (and links) in the tar, after .dockerignore. */
  files: number;
  /** Bytes of their contents. */
  bytes: number;
  /** False when measuring stopped at MEASURE_MAX_ENTRIES (a folder like / or a home): the figures are "at least". */
  complete: boolean;
  /** At least one of the thresholds below: say so before sending. */
  large: boolean;
  dockerfile: {
    /** Where it was looked for. */
    path: string;
    present: boolean;
    /** .dockerignore excludes it: sent anyway, as the CLI does, and the engine drops it from COPY. */
    excluded: boolean;
    /** Outside the context: sent under a generated name, as the CLI does. */
    outside: boolean;
  };
  /** Files that cannot be read: the build stops before sending, naming them. */
  unreadable: { path: string; reason: string }[];
}

/** Above either, the context is "large" (the CLI sends it without a word; Berth warns first). */
export const LARGE_CONTEXT_BYTES = 100 * 1024 * 1024;
export const LARGE_CONTEXT_FILES = 20_000;
/** `images.buildContext` stops counting here, so a mistyped `/` answers in seconds (a build itself has no limit, like the CLI's). */
export const MEASURE_MAX_ENTRIES = 100_000;

const contextQuery = z
  .object({ context: hostPath, dockerfile: dockerfilePath.optional() })
  .strict();

export interface ImageBuildCalls {
  /** Walks the context as a build would (with .dockerignore) and measures it. */
  'images.buildContext': { args: [query: BuildContextQuery]; result: BuildContextInfo };
}

export interface ImageBuildStreams {
  /**
   * `docker build`: BuildLines (image-build/build-lines.ts) as newline-delimited
   * JSON, ending with `done`, or with the engine's error naming the failing
   * step. Closing the stream aborts the build; no container is left behind.
   */
  'images.build': { args: [options: BuildOptions] };
}

export const imageBuildCallArgs: {
  [K in keyof ImageBuildCalls]: z.ZodType<ImageBuildCalls[K]['args']>;
} = {
  'images.buildContext': z.tuple([contextQuery]),
};

export const imageBuildStreamArgs: {
  [K in keyof ImageBuildStreams]: z.ZodType<ImageBuildStreams[K]['args']>;
} = {
  'images.build': z.tuple([
    z
      .object({
        context: hostPath,
        dockerfile: dockerfilePath.optional(),
        tags: z.array(imageTagTarget).max(64),
        buildArgs: z.array(buildArg).max(256),
        target: stageName.optional(),
        noCache: z.boolean().optional(),
        pull: z.boolean().optional(),
      })
      .strict(),
  ]),
};
