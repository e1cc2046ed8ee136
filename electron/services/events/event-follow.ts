// `events.follow`: the ring, then live events, as JSON lines. Replay and the
// switch to live happen in one synchronous step, so no event falls between
// them or comes twice. A reader that stops acknowledging is not waited for
// without end: past MAX_BEHIND lines queued, the stream fails and says why
// (the page reopens it and replays the ring).
import { Readable } from 'node:stream';
import type { EventsQuery } from '../../contract/events-channels.ts';
import { ContractError } from '../../contract/errors.ts';
import type { EventRing, RingEntry } from './event-ring.ts';

const MAX_BEHIND = 20_000;

export function followEvents(ring: () => EventRing, query: EventsQuery): Readable {
  const source = ring();
  const queue: string[] = [];
  let wanted = false;
  const line = (item: RingEntry) => `${JSON.stringify(item.entry)}\n`;
  const flush = () => {
    while (wanted && queue.length > 0) {
      // Several lines per chunk: a replay of thousands is a few frames, not thousands.
      const batch = queue.splice(0, 500).join('');
      wanted = stream.push(batch);
    }
  };
  const stream = new Readable({
    read() {
      wanted = true;
      flush();
    },
    destroy(err, done) {
      unsubscribe();
      done(err);
    },
  });
  if (query.replay) for (const item of source.entries()) queue.push(line(item));
  const unsubscribe = source.subscribe((item) => {
    queue.push(line(item));
    if (queue.length > MAX_BEHIND) {
      stream.destroy(
        new ContractError({
          kind: 'cancelled',
          message: 'The events log fell too far behind the engine; open it again.',
        }),
      );
      return;
    }
    flush();
  });
  return stream;
}

/** The events domain's stream, bound to the engine shown by the caller's `bind`. */
export function eventStreams(
  bind: (open: (query: EventsQuery) => Readable) => (query: EventsQuery) => Readable,
  ring: () => EventRing,
) {
  return { 'events.follow': bind((query: EventsQuery) => followEvents(ring, query)) };
}
