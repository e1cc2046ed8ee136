// Actions the user started on containers: which row is busy with what, and the
// last failure in the engine's words. The row's state itself comes from events.
import { create } from 'zustand';
import { describeFailure } from '../../electron/contract/errors.ts';
import { lifecycleCommandLine } from '../../electron/contract/run-spec/run-command.ts';
import { getClient } from '../client/contract-client.ts';
import { cliTargetOf, defaultShell } from './cli-target.ts';
import { useEngineStore } from './engine-store.ts';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'pause' | 'resume' | 'kill' | 'remove';

/** What a row says while an action runs. */
export const actionProgress: Record<ContainerAction, string> = {
  start: 'Starting',
  stop: 'Stopping',
  restart: 'Restarting',
  pause: 'Pausing',
  resume: 'Resuming',
  kill: 'Killing',
  remove: 'Removing',
};

interface ContainerActionsStore {
  pending: Record<string, ContainerAction>;
  error: string | null;
  /** The docker CLI line for the last action, shown so every click teaches its command. */
  lastCommand: string | null;
}

export const useContainerActionsStore = create<ContainerActionsStore>(() => ({
  pending: {},
  error: null,
  lastCommand: null,
}));

export function dismissActionError(): void {
  useContainerActionsStore.setState({ error: null });
}

export async function runContainerAction(
  id: string,
  action: ContainerAction,
  options: { force?: boolean; volumes?: boolean } = {},
  name = id,
): Promise<void> {
  const client = getClient();
  const lastCommand = lifecycleCommandLine(
    action === 'resume' ? 'unpause' : action,
    name,
    options,
    defaultShell(),
    cliTargetOf(useEngineStore.getState()),
  );
  useContainerActionsStore.setState((s) => ({
    pending: { ...s.pending, [id]: action },
    error: null,
    lastCommand,
  }));
  try {
    switch (action) {
      case 'start':
        return await client.call('containers.start', id);
      case 'stop':
        return await client.call('containers.stop', id);
      case 'restart':
        return await client.call('containers.restart', id);
      case 'pause':
        return await client.call('containers.pause', id);
      case 'resume':
        return await client.call('containers.unpause', id);
      case 'kill':
        return await client.call('containers.kill', id);
      case 'remove':
        return await client.call('containers.remove', id, options);
    }
  } catch (err) {
    useContainerActionsStore.setState({ error: describeFailure(err) });
  } finally {
    useContainerActionsStore.setState((s) => {
      const { [id]: _done, ...pending } = s.pending;
      return { pending };
    });
  }
}
