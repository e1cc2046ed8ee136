// What the Swarm page holds of the engine's swarm: `swarm.watch` (status, then
// nodes and services as snapshots and deltas) and `swarm.watchTasks` (every
// task, listed each second by the app while open), folded by the contract's
// own pure functions (swarm-view.ts). The task watch runs only while the page
// is on screen: tasks have no events, so an open watch costs the engine a list
// every second.
import { useState } from 'react';
import { describeError } from '../../../electron/contract/errors.ts';
import type { SwarmTasksLine, SwarmWatchLine } from '../../../electron/contract/swarm-types.ts';
import {
  applySwarmTasksLine,
  applySwarmWatchLine,
  emptySwarmView,
  emptyTasksView,
  type SwarmView,
  type TasksView,
} from '../../../electron/contract/swarm-view.ts';
import { usePageVisible } from '../../use-page-visible.ts';
import { useStream } from '../../use-stream.ts';

const parsed = <T>(lines: string[]) => lines.map((l) => JSON.parse(l) as T);

/** The swarm as the engine shown sees it; `ended`: why the watch stopped (the engine's words). */
export function useSwarmWatch(): { view: SwarmView; ended: string | null } {
  const [view, setView] = useState<SwarmView>(emptySwarmView);
  const [ended, setEnded] = useState<string | null>(null);
  useStream(
    'swarm.watch',
    [],
    {
      onOpen: () => {
        setView(emptySwarmView);
        setEnded(null);
      },
      onLines: (lines) =>
        setView((v) => parsed<SwarmWatchLine>(lines).reduce(applySwarmWatchLine, v)),
      onEnd: (error) => setEnded(error ? describeError(error) : 'The swarm watch ended.'),
    },
    { reopenAfterReconnect: true },
  );
  return { view, ended };
}

/** Every task of the swarm while `wanted` and the page is on screen; nothing otherwise. */
export function useSwarmTasks(wanted: boolean): TasksView {
  const visible = usePageVisible();
  const [view, setView] = useState<TasksView>(emptyTasksView);
  useStream(
    'swarm.watchTasks',
    wanted && visible ? [{}] : null,
    {
      onOpen: () => setView(emptyTasksView),
      onLines: (lines) =>
        setView((v) => parsed<SwarmTasksLine>(lines).reduce(applySwarmTasksLine, v)),
      onEnd: (error) => error && setView((v) => ({ ...v, error: describeError(error) })),
    },
    { reopenAfterReconnect: true },
  );
  return view;
}
