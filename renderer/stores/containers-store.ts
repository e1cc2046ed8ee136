// The container list as the app's mirror reports it: a snapshot, then deltas.
import { create } from 'zustand';
import type { ContainersDelta } from '../../electron/contract/container-types.ts';
import { describeFailure } from '../../electron/contract/errors.ts';
import { getClient } from '../client/contract-client.ts';
import {
  applyDelta,
  applySnapshot,
  emptyContainers,
  type ContainersState,
} from './container-deltas.ts';

interface ContainersStore extends ContainersState {
  loaded: boolean;
  error: string | null;
}

export const useContainersStore = create<ContainersStore>(() => ({
  ...emptyContainers,
  loaded: false,
  error: null,
}));

let started = false;

/** Subscribes once per page; safe to call from every view that needs the list. */
export function startContainersSync(): void {
  if (started) return;
  started = true;
  const client = getClient();
  let fetching = false;
  let pending: ContainersDelta[] = [];

  const fetchSnapshot = async (): Promise<void> => {
    if (fetching) return;
    let refetch = false;
    fetching = true;
    pending = [];
    try {
      const snapshot = await client.call('containers.list');
      let state = applySnapshot(useContainersStore.getState(), snapshot);
      for (const d of pending) {
        const next = applyDelta(state, d);
        if (!next) {
          refetch = true; // a gap among the queued deltas: only a new snapshot is safe
          break;
        }
        state = next;
      }
      useContainersStore.setState({ ...state, loaded: true, error: null });
    } catch (err) {
      useContainersStore.setState({ error: describeFailure(err) });
    } finally {
      fetching = false;
      pending = [];
    }
    if (refetch) await fetchSnapshot();
  };

  client.on('containers.delta', (delta) => {
    if (fetching) {
      pending.push(delta);
      return;
    }
    const next = applyDelta(useContainersStore.getState(), delta);
    if (next) useContainersStore.setState({ ...next, loaded: true });
    else void fetchSnapshot();
  });
  client.onConnection((state) => {
    if (state === 'open') void fetchSnapshot();
  });
  void fetchSnapshot();
}
