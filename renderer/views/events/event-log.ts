// The Events page's list, without React: the events the stream brought (at
// most as many as the app's ring keeps), held back while the user reads
// (paused), and how a row reads.
import type { EventLogEntry } from '../../../electron/contract/events-channels.ts';

/** As many as the app's ring: a replay fills the page, and no more is kept. */
export const PAGE_EVENTS = 5000;

export function appendBounded(list: readonly EventLogEntry[], more: readonly EventLogEntry[]) {
  const next = list.concat(more);
  return next.length > PAGE_EVENTS ? next.slice(next.length - PAGE_EVENTS) : next;
}

export function shortActor(entry: Pick<EventLogEntry, 'actorId'>): string {
  const id = entry.actorId.replace(/^sha256:/, '');
  return /^[0-9a-f]{64}$/.test(id) ? id.slice(0, 12) : entry.actorId;
}

export function actorText(entry: Pick<EventLogEntry, 'name' | 'actorId'>): string {
  const id = shortActor(entry);
  return entry.name && entry.name !== id ? `${entry.name} (${id})` : id;
}

export function actionText(entry: Pick<EventLogEntry, 'action' | 'actionDetail'>): string {
  return entry.actionDetail ? `${entry.action}: ${entry.actionDetail}` : entry.action;
}

/** Attributes other than the name (shown as the actor), `key=value` as `docker events` prints them. */
export function attributesText(entry: Pick<EventLogEntry, 'attributes'>): string {
  return Object.entries(entry.attributes)
    .filter(([k]) => k !== 'name')
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}

/** The event's time, local, to the millisecond; the engine's nanoseconds are in `timeTitle`. */
export function timeText(entry: Pick<EventLogEntry, 'timeSec' | 'timeNanos'>): string {
  const ms = Number(entry.timeSec) * 1000 + Math.floor(Number(entry.timeNanos) / 1e6);
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function timeTitle(entry: Pick<EventLogEntry, 'timeSec' | 'timeNanos'>): string {
  const iso = new Date(Number(entry.timeSec) * 1000).toISOString();
  return iso.replace('.000Z', `.${entry.timeNanos.padStart(9, '0')}Z`);
}
