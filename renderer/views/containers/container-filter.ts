import type { ContainerSummary } from '../../../electron/contract/container-types.ts';

/** Matches a name, image, id prefix or label (key or key=value), case-insensitively. */
export function matchesFilter(c: ContainerSummary, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  if (c.name.toLowerCase().includes(q) || c.image.toLowerCase().includes(q) || c.id.startsWith(q))
    return true;
  return Object.entries(c.labels).some(([k, v]) => `${k}=${v}`.toLowerCase().includes(q));
}

export function isActive(c: ContainerSummary): boolean {
  return c.state === 'running' || c.state === 'paused' || c.state === 'restarting';
}
