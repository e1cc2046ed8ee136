// The container list's state: the resource store's (resource-deltas.ts) with container rows.
import type { ContainerSummary } from '../../electron/contract/container-types.ts';
import { emptyResource, type ResourceState } from './resource-deltas.ts';

export { applyDelta, applySnapshot, needsSnapshot } from './resource-deltas.ts';

export type ContainersState = ResourceState<ContainerSummary>;

export const emptyContainers: ContainersState = emptyResource;
