// Containers this page just made with "Create and start": their Overview says
// whether that worked. Kept for the page's life only; a reload forgets it.
import { containerHref } from '../../../use-hash-route.ts';

const created = new Map<string, number>();

export function markJustCreated(id: string, now = Date.now()): void {
  created.set(id, now);
}

/** When the container was made here (ms since the epoch), if it was. */
export function createdHere(id: string): number | undefined {
  return created.get(id);
}

/** After "Create and start": its page opens on the Overview, which says whether it runs. */
export function openCreated(id: string): void {
  markJustCreated(id);
  location.hash = containerHref(id);
}
