// What the page works out from rows it already has (so it asks the engine
// nothing more): stacks from the services' namespace label, and how far a
// rolling update got from the tasks.
import type { SwarmServiceRow, SwarmStackRow, SwarmTaskRow } from './swarm-types.ts';

/** `docker stack ls`: the namespaces of the services, with how many each has. */
export function stacksOf(services: Iterable<Pick<SwarmServiceRow, 'stack'>>): SwarmStackRow[] {
  const counts = new Map<string, number>();
  for (const s of services) if (s.stack) counts.set(s.stack, (counts.get(s.stack) ?? 0) + 1);
  return [...counts]
    .map(([name, count]) => ({ name, services: count }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * How far a rolling update got: the service's tasks meant to run that run
 * the service's image now, of those it wants. Compared by the image without
 * its digest pin, as the CLI pins one on tasks that the spec may lack.
 */
export function updateProgress(
  service: Pick<SwarmServiceRow, 'id' | 'image' | 'desired'>,
  tasks: Iterable<SwarmTaskRow>,
): { updated: number; desired: number } {
  const unpinned = (image: string) => image.replace(/@sha256:[0-9a-f]{64}$/, '');
  const want = unpinned(service.image);
  let updated = 0;
  for (const t of tasks) {
    if (t.serviceId !== service.id || t.desiredState !== 'running' || t.state !== 'running')
      continue;
    if (unpinned(t.image) === want) updated++;
  }
  return { updated, desired: service.desired };
}
