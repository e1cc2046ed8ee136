import { describe, expect, it } from 'vitest';
import type { SwarmTaskRow } from '../../../electron/contract/swarm-types.ts';
import { taskCounts, tasksShown } from './task-list.ts';

const task = (more: Partial<SwarmTaskRow>): SwarmTaskRow => ({
  id: 't',
  serviceId: 's',
  serviceName: 'web',
  name: 'web.1',
  nodeId: 'n1',
  nodeHostname: 'node1',
  desiredState: 'running',
  state: 'running',
  message: 'started',
  error: '',
  image: 'busybox',
  createdAt: '2026-12-02T10:00:00Z',
  updatedAt: '2026-12-02T10:00:00Z',
  ...more,
});

describe('the Tasks grid', () => {
  it("shows one service's tasks by slot, the newest first, as docker service ps", () => {
    const tasks = [
      task({ id: 'a', slot: 2, updatedAt: '2026-12-02T10:00:01Z' }),
      task({ id: 'b', slot: 1, updatedAt: '2026-12-02T10:00:01Z', state: 'shutdown' }),
      task({ id: 'c', slot: 1, updatedAt: '2026-12-02T10:00:05Z' }),
      task({ id: 'd', serviceName: 'api', slot: 1 }),
    ];
    expect(tasksShown(tasks, 'web').map((t) => t.id)).toEqual(['c', 'b', 'a']);
    expect(tasksShown(tasks, null).map((t) => t.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('counts tasks meant to run, those running, and the failed', () => {
    expect(
      taskCounts([
        task({}),
        task({ state: 'pending' }),
        task({ desiredState: 'shutdown', state: 'rejected' }),
        // A replacement held back by the engine is still meant to run.
        task({ desiredState: 'ready', state: 'rejected' }),
      ]),
    ).toBe('1 running of 3 wanted, 2 failed or rejected');
  });
});
