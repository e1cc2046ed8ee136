// The container list's sync: the one resource sync (resource-sync.ts) on
// `containers.list` and `containers.delta`.
import type { StoreApi } from 'zustand/vanilla';
import type { ContainerSummary } from '../../electron/contract/container-types.ts';
import {
  initialResource,
  syncResource,
  type ResourceClient,
  type ResourceStore,
} from './resource-sync.ts';

export type ContainersStore = ResourceStore<ContainerSummary>;

export const initialContainers: ContainersStore = initialResource;

export type ContainersClient = ResourceClient<'containers'>;

/** Starts following; returns a function that stops. */
export function syncContainers(
  client: ContainersClient,
  store: StoreApi<ContainersStore>,
): () => void {
  return syncResource('containers', client, store);
}
