// How a row's state reads at a glance: red is kept for failures, so a
// container that ended because someone stopped it, or that finished its work,
// is neutral; and a stop that takes long says when the engine will kill it.
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';

export type StateTone = 'running' | 'busy' | 'neutral' | 'failed';

/** The exit code in the engine's status text ("Exited (137) 2 minutes ago"), if any. */
export function exitCodeOf(status: string): number | null {
  const match = /^Exited \((-?\d+)\)/.exec(status);
  return match ? Number(match[1]) : null;
}

/** 143 is 128 + SIGTERM: the process ended as a polite stop asks. */
const STOPPED_BY_SIGTERM = 143;

export function stateTone(c: ContainerSummary): StateTone {
  switch (c.state) {
    case 'running':
      return c.stopping ? 'busy' : 'running';
    case 'paused':
    case 'restarting':
    case 'removing':
      return 'busy';
    case 'created':
      return 'neutral';
    case 'dead':
      return 'failed';
    case 'exited': {
      const code = exitCodeOf(c.status);
      if (c.endedOnRequest || code === 0 || code === STOPPED_BY_SIGTERM) return 'neutral';
      return 'failed';
    }
  }
}

/** Whole seconds left before the engine sends SIGKILL (never below 0). */
export function secondsUntilKill(stopping: { since: number; timeoutSec: number }, now: number) {
  return Math.max(0, Math.ceil((stopping.since + stopping.timeoutSec * 1000 - now) / 1000));
}

/** What a row says while a stop waits for the process to end. */
export function stoppingText(stopping: { since: number; timeoutSec: number }, now: number) {
  const left = secondsUntilKill(stopping, now);
  return left > 0
    ? `Stopping: waiting for it to stop, then it will be killed in ${left} s`
    : 'Stopping: killing it now';
}
