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

/** "4 running of 4 wanted, 2 failed": the tasks meant to run, and those that ran and failed. */
export function taskCounts(tasks: SwarmTaskRow[]): string {
  const wanted = tasks.filter((t) => t.desiredState === 'running');
  const running = wanted.filter((t) => t.state === 'running').length;
  const failed = tasks.filter((t) => t.state === 'failed' || t.state === 'rejected').length;
  return `${running} running of ${wanted.length} wanted${failed ? `, ${failed} failed or rejected` : ''}`;
}
