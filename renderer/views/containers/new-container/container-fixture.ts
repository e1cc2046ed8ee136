// A container as the list has it, for the clash tests: running web, created 2 min before `now`.
import type { ContainerSummary } from '../../../../electron/contract/container-types.ts';

export const now = Date.UTC(2026, 11, 1, 12, 0, 0);
export function container(over: Partial<ContainerSummary>): ContainerSummary {
  return {
    id: 'a'.repeat(64),
    name: 'web',
    image: 'busybox',
    imageId: 'sha256:1',
    command: 'sh',
    created: now / 1000 - 120,
    state: 'running',
    status: 'Up 2 minutes',
    statusAt: now,
    ports: [],
    mounts: [],
    networks: [],
    labels: {},
    ...over,
  };
}
