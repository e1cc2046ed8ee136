// The tasks the Tasks grid shows: one service's or all, ordered as
// `docker service ps` orders them (by service and slot, the newest first),
// and the counts the page says above them.
import type { SwarmTaskRow } from '../../../electron/contract/swarm-types.ts';

export function tasksShown(tasks: SwarmTaskRow[], service: string | null): SwarmTaskRow[] {
  return tasks
    .filter((t) => service === null || t.serviceName === service)
    .sort(
      (a, b) =>
        a.serviceName.localeCompare(b.serviceName) ||
        (a.slot ?? 0) - (b.slot ?? 0) ||
        a.nodeId.localeCompare(b.nodeId) ||
        b.updatedAt.localeCompare(a.updatedAt),
    );
}

/**
 * Desired states of a task meant to run: swarmkit moves a replacement
 * through these (a task held back waits in `ready`) up to `running`; past it
 * (`shutdown`, `remove`…) the task is meant to stop.
 */
const MEANT_TO_RUN = new Set([
  'new',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
]);

/** "4 running of 4 wanted, 2 failed or rejected": the tasks meant to run, and those that failed. */
export function taskCounts(tasks: SwarmTaskRow[]): string {
  const wanted = tasks.filter((t) => MEANT_TO_RUN.has(t.desiredState));
  const running = wanted.filter((t) => t.state === 'running').length;
  const failed = tasks.filter((t) => t.state === 'failed' || t.state === 'rejected').length;
  return `${running} running of ${wanted.length} wanted${failed ? `, ${failed} failed or rejected` : ''}`;
}
