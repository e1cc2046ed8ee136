// The events domain of the contract: the engine's events as a live log. The
// app keeps one `/events` subscription per engine and a bounded ring of what
// it said; `events.follow` replays the ring, then goes on live, so a page
// never opens an `/events` stream of its own.
import { z } from 'zod';

/** One engine event as the log shows it. */
export interface EventLogEntry {
  /** Numbers the events of one connection 1, 2, 3...: a gap means the ring dropped some. */
  seq: number;
  type: string;
  action: string;
  /** What followed the colon in the engine's action ("exec_start: sh"). */
  actionDetail?: string;
  actorId: string;
  /** The actor's name from its attributes (`name`), or '' when it has none. */
  name: string;
  attributes: Record<string, string>;
  /** Seconds and nanoseconds as exact decimal strings. */
  timeSec: string;
  timeNanos: string;
}

export interface EventsQuery {
  /** Send the events the ring holds first; false: only those from now on. */
  replay: boolean;
}

export interface EventStreams {
  /** The ring, then live events, as JSON lines (EventLogEntry), until cancelled or the engine changes. */
  'events.follow': { args: [query: EventsQuery] };
}

export const eventStreamArgs: {
  [K in keyof EventStreams]: z.ZodType<EventStreams[K]['args']>;
} = {
  'events.follow': z.tuple([z.strictObject({ replay: z.boolean() })]),
};

/** The types `docker events` reports, for the page's filter. */
export const EVENT_TYPES = [
  'container',
  'image',
  'volume',
  'network',
  'daemon',
  'plugin',
  'builder',
  'service',
  'node',
  'secret',
  'config',
] as const;

/** What the page filters on, and what an export keeps. */
export interface EventFilter {
  /** One type, or all when absent. */
  type?: string;
  /** Words all of which appear in the action, actor (name or id) or an attribute, any case. */
  text?: string;
}

export const eventFilter: z.ZodType<EventFilter> = z.strictObject({
  type: z.enum(EVENT_TYPES).optional(),
  text: z.string().max(500).optional(),
});

/** Whether an event passes the filter (the page and the export agree by sharing this). */
export function eventMatches(
  entry: Pick<
    EventLogEntry,
    'type' | 'action' | 'actionDetail' | 'actorId' | 'name' | 'attributes'
  >,
  filter: EventFilter,
): boolean {
  if (filter.type && entry.type !== filter.type) return false;
  const words = (filter.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [
    entry.action,
    entry.actionDetail ?? '',
    entry.actorId,
    entry.name,
    ...Object.entries(entry.attributes).map(([k, v]) => `${k}=${v}`),
  ]
    .join('\n')
    .toLowerCase();
  return words.every((w) => haystack.includes(w));
}
