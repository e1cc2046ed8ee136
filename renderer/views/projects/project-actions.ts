// A Compose project's group actions without a Compose CLI: each of its
// containers through the engine API, as the Containers grid's project row and
// the project page both offer them.
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { runContainerAction } from '../../stores/container-actions-store.ts';
import { isActive } from '../containers/container-filter.ts';

export function startProject(containers: ContainerSummary[]): void {
  for (const c of containers.filter((x) => !isActive(x))) {
    void runContainerAction(c.id, 'start', {}, c.name);
  }
}

export function stopProject(containers: ContainerSummary[]): void {
  for (const c of containers.filter(isActive)) void runContainerAction(c.id, 'stop', {}, c.name);
}

/** Every container, running or not, as `docker compose restart` does. */
export function restartProject(containers: ContainerSummary[]): void {
  for (const c of containers) void runContainerAction(c.id, 'restart', {}, c.name);
}
