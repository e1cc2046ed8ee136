// A store of one mirrored resource of the engine shown (resource-sync.ts): a
// snapshot, then deltas. One per resource, each started once per page.
import { create, type UseBoundStore, type StoreApi } from 'zustand';
import type { MirroredResource, MirroredRows } from '../../electron/contract/mirror-types.ts';
import { getClient } from '../client/contract-client.ts';
import {
  initialResource,
  syncResource,
  type ResourceClient,
  type ResourceStore,
} from './resource-sync.ts';

export interface MirroredStore<R extends MirroredResource> {
  useStore: UseBoundStore<StoreApi<ResourceStore<MirroredRows[R]>>>;
  /** Subscribes once per page; safe to call from every view that needs the list. */
  start(): void;
}

export function mirroredStore<R extends MirroredResource>(resource: R): MirroredStore<R> {
  const useStore = create<ResourceStore<MirroredRows[R]>>(() => initialResource);
  let started = false;
  return {
    useStore,
    start: () => {
      if (started) return;
      started = true;
      // TypeScript cannot resolve `${R}.list` for a generic R; mirror-channels.ts checks
      // that every resource's list and delta channels carry its rows.
      syncResource(resource, getClient() as unknown as ResourceClient<R>, useStore);
    },
  };
}
