// The processes inside a container: `docker top`, and sending one of them a
// signal (the engine has no call for that: Berth runs `kill` inside it).
import { z } from 'zod';
import { containerRef } from './refs.ts';

/** A signal as `docker kill --signal` takes it: a name (with or without SIG) or a number. */
export const signalName = z
  .string()
  .regex(/^(SIG)?[A-Z0-9+-]{1,12}$|^\d{1,2}$/, 'not a signal name');

/** What the engine's `top` answered: `ps` columns and one row of strings per process. */
export interface ProcessList {
  titles: string[];
  processes: string[][];
  /**
   * The `ps` options the engine's host ran, or null for its default (`-ef`): the
   * engine host's `ps` refused Berth's columns (busybox's `ps` has no `-o %cpu`).
   */
  psArgs: string | null;
}

export interface ProcessCalls {
  /** `docker top`: PIDs as the engine's host sees them, not as the container does. */
  'containers.top': { args: [id: string]; result: ProcessList };
  /**
   * `kill -SIGNAL PID` run inside the container for the process `top` listed as
   * `pid` (a host PID); says which PID that was inside the container.
   */
  'containers.signalProcess': {
    args: [id: string, target: { pid: number; signal: string }];
    result: { containerPid: number };
  };
}

export const processCallArgs: {
  [K in keyof ProcessCalls]: z.ZodType<ProcessCalls[K]['args']>;
} = {
  'containers.top': z.tuple([containerRef]),
  'containers.signalProcess': z.tuple([
    containerRef,
    z
      .object({
        pid: z
          .number()
          .int()
          .min(1)
          .max(2 ** 22),
        signal: signalName,
      })
      .strict(),
  ]),
};
