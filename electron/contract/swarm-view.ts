// What a page holds of `swarm.watch` and `swarm.watchTasks`: the lines folded
// into plain state, by pure functions both the renderer and tests use. Each
// list's deltas are numbered within its stream from its first reset on; a
// delta sent before that reset (a removal while the first list was read) is
// covered by the reset and skipped.
import type { ResourceDelta } from './mirror-types.ts';
import type {
  SwarmNodeRow,
  SwarmServiceRow,
  SwarmStatus,
  SwarmTaskRow,
  SwarmTasksLine,
  SwarmWatchLine,
} from './swarm-types.ts';

export interface RowsView<T> {
  /** The seq of the last delta applied; -1 before the first reset. */
  seq: number;
  byId: Record<string, T>;
}

export interface SwarmView {
  status: SwarmStatus | null;
  nodes: RowsView<SwarmNodeRow>;
  services: RowsView<SwarmServiceRow>;
  /** The last list that could not be read, until a list is read again. */
  error: string | null;
}

export const emptyRows: RowsView<never> = { seq: -1, byId: {} };

export const emptySwarmView: SwarmView = {
  status: null,
  nodes: emptyRows,
  services: emptyRows,
  error: null,
};

export function applyRowsDelta<T extends { id: string }>(
  rows: RowsView<T>,
  delta: ResourceDelta<T>,
): RowsView<T> {
  if (delta.reset) {
    return { seq: delta.seq, byId: Object.fromEntries(delta.upserts.map((r) => [r.id, r])) };
  }
  if (rows.seq < 0 || delta.seq <= rows.seq) return rows;
  const byId = { ...rows.byId };
  for (const id of delta.removed) delete byId[id];
  for (const row of delta.upserts) byId[row.id] = row;
  return { seq: delta.seq, byId };
}

export function applySwarmWatchLine(view: SwarmView, line: SwarmWatchLine): SwarmView {
  switch (line.kind) {
    case 'status':
      // Lists of a swarm this engine no longer manages are gone with it.
      return line.status.state === 'manager'
        ? { ...view, status: line.status }
        : { ...emptySwarmView, status: line.status };
    case 'nodes':
      return { ...view, nodes: applyRowsDelta(view.nodes, line.delta), error: null };
    case 'services':
      return { ...view, services: applyRowsDelta(view.services, line.delta), error: null };
    case 'error':
      return { ...view, error: line.message };
  }
}

export interface TasksView {
  tasks: RowsView<SwarmTaskRow>;
  error: string | null;
}

export const emptyTasksView: TasksView = { tasks: emptyRows, error: null };

export function applySwarmTasksLine(view: TasksView, line: SwarmTasksLine): TasksView {
  return line.kind === 'tasks'
    ? { tasks: applyRowsDelta(view.tasks, line.delta), error: null }
    : { ...view, error: line.message };
}
