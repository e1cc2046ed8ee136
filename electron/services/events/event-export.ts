// The events log's export: the lines the engine sent, one event a line, for
// the events the page shows (the same filter, from the contract).
import { Readable } from 'node:stream';
import { eventMatches, type EventFilter } from '../../contract/events-channels.ts';
import type { EventRing } from './event-ring.ts';

export function exportEvents(ring: EventRing, filter: EventFilter): Readable {
  const lines = ring
    .entries()
    .filter((item) => eventMatches(item.entry, filter))
    .map((item) => `${item.raw}\n`);
  return Readable.from(lines.length ? [lines.join('')] : [], { objectMode: false });
}
