// The container list of the engine shown, as the app's mirror reports it
// (containers-sync.ts): a snapshot, then deltas.
import { create } from 'zustand';
import { getClient } from '../client/contract-client.ts';
import { initialContainers, syncContainers, type ContainersStore } from './containers-sync.ts';

export const useContainersStore = create<ContainersStore>(() => initialContainers);

let started = false;

/** Subscribes once per page; safe to call from every view that needs the list. */
export function startContainersSync(): void {
  if (started) return;
  started = true;
  syncContainers(getClient(), useContainersStore);
}
