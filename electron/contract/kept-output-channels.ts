// What a `--rm` container printed, kept by the app: the engine removes such a
// container and its log when it exits, so the app attaches before starting it
// and keeps the output for the page to show after it is gone.
import { containerRef } from './refs.ts';
import { z } from 'zod';

export interface KeptLine {
  stream: 'stdout' | 'stderr';
  text: string;
}

export interface KeptOutput {
  id: string;
  name: string;
  image: string;
  /** The last lines it printed; `dropped` earlier ones were let go. */
  lines: KeptLine[];
  dropped: number;
  /** Set once it exited (the engine's wait answered). */
  exitCode?: number;
  /** The engine could not say how it ended (the wait failed): its words. */
  waitError?: string;
}

export interface KeptOutputCalls {
  /** The output kept for a container this app started with `--rm`, by id or name; null if none. */
  'containers.keptOutput': { args: [ref: string]; result: KeptOutput | null };
}

export const keptOutputCallArgs: {
  [K in keyof KeptOutputCalls]: z.ZodType<KeptOutputCalls[K]['args']>;
} = {
  'containers.keptOutput': z.tuple([containerRef]),
};
