import { describe, expect, it } from 'vitest';
import type { ResourceDelta } from './mirror-types.ts';
import type { SwarmServiceRow, SwarmStatus } from './swarm-types.ts';
import {
  applySwarmTasksLine,
  applySwarmWatchLine,
  emptySwarmView,
  emptyTasksView,
  type SwarmView,
} from './swarm-view.ts';

const service = (id: string, running: number): SwarmServiceRow => ({
  id,
  name: id,
  image: 'web:1',
  mode: 'replicated',
  running,
  desired: 2,
  ports: [],
  labels: {},
  constraints: [],
  createdAt: '',
  updatedAt: '',
});

const delta = <T>(seq: number, over: Partial<ResourceDelta<T>>): ResourceDelta<T> => ({
  engineId: 'e',
  seq,
  reset: false,
  upserts: [],
  removed: [],
  ...over,
});

const status = (state: SwarmStatus['state']): SwarmStatus => ({
  state,
  nodeId: 'n1',
  nodeAddress: '10.0.0.11',
  managers: [],
});

describe("a page's view of swarm.watch", () => {
  it('starts at the reset, applies later deltas in order, and skips what the reset covered', () => {
    const lines = [
      { kind: 'status' as const, status: status('manager') },
      // A removal sent while the first list was read: the reset after it covers it.
      { kind: 'services' as const, delta: delta<SwarmServiceRow>(1, { removed: ['gone'] }) },
      {
        kind: 'services' as const,
        delta: delta(2, { reset: true, upserts: [service('a', 0), service('b', 2)] }),
      },
      { kind: 'services' as const, delta: delta(3, { upserts: [service('a', 1)] }) },
      { kind: 'services' as const, delta: delta(3, { upserts: [service('a', 0)] }) },
      { kind: 'services' as const, delta: delta<SwarmServiceRow>(4, { removed: ['b'] }) },
    ];
    const view = lines.reduce<SwarmView>(applySwarmWatchLine, emptySwarmView);
    expect(Object.values(view.services.byId).map((s) => [s.id, s.running])).toEqual([['a', 1]]);
    expect(view.services.seq).toBe(4);
    expect(view.status?.state).toBe('manager');
  });

  it('keeps the last error until a list is read again, and drops the lists when no longer a manager', () => {
    let view = applySwarmWatchLine(emptySwarmView, { kind: 'status', status: status('manager') });
    view = applySwarmWatchLine(view, {
      kind: 'services',
      delta: delta(1, { reset: true, upserts: [service('a', 1)] }),
    });
    view = applySwarmWatchLine(view, { kind: 'error', message: 'Couldn’t refresh swarm services' });
    expect(view.error).toMatch(/refresh/);
    view = applySwarmWatchLine(view, { kind: 'services', delta: delta(2, {}) });
    expect(view.error).toBeNull();
    view = applySwarmWatchLine(view, { kind: 'status', status: status('inactive') });
    expect(view).toEqual({ ...emptySwarmView, status: status('inactive') });
  });
});

describe("a page's view of swarm.watchTasks", () => {
  it('follows the task deltas and keeps an error beside the last rows', () => {
    let view = applySwarmTasksLine(emptyTasksView, {
      kind: 'tasks',
      delta: delta(1, {
        reset: true,
        upserts: [
          {
            id: 't1',
            serviceId: 's',
            serviceName: 'web',
            name: 'web.1',
            nodeId: 'n1',
            nodeHostname: 'vm1',
            desiredState: 'running',
            state: 'running',
            message: 'started',
            error: '',
            image: 'web:1',
            createdAt: '',
            updatedAt: '',
          },
        ],
      }),
    });
    view = applySwarmTasksLine(view, { kind: 'error', message: 'no such service' });
    expect([Object.keys(view.tasks.byId), view.error]).toEqual([['t1'], 'no such service']);
  });
});
