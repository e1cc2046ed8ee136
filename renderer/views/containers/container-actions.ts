import type { ContainerState } from '../../../electron/contract/container-types.ts';
import type { ContainerAction } from '../../stores/container-actions-store.ts';

/** The actions that make sense in each state, in the order the row shows them. */
export function actionsFor(state: ContainerState): ContainerAction[] {
  switch (state) {
    case 'running':
      return ['stop', 'restart', 'pause', 'kill', 'remove'];
    case 'paused':
      return ['resume', 'stop', 'kill', 'remove'];
    case 'restarting':
      return ['stop', 'kill', 'remove'];
    case 'removing':
      return [];
    default:
      return ['start', 'remove'];
  }
}

/** Button names from the UI contract. */
export const actionLabels: Record<ContainerAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  pause: 'Pause',
  resume: 'Resume',
  kill: 'Kill',
  remove: 'Remove',
};
