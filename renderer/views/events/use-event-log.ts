// The engine's events for the Events page, from the app's ring (replayed, then
// live) through `events.follow`: the page never opens `/events` itself.
// Lines arrive in bursts (a replay of thousands, a compose up): they are
// applied once per frame. While paused the list stands still and what comes
// meanwhile waits, counted, to be added when following again.
import { useEffect, useRef, useState } from 'react';
import type { EventLogEntry } from '../../../electron/contract/events-channels.ts';
import { describeError } from '../../../electron/contract/errors.ts';
import { useStream } from '../../use-stream.ts';
import { appendBounded, PAGE_EVENTS } from './event-log.ts';

export function useEventLog(live: boolean, paused: boolean) {
  const [events, setEvents] = useState<EventLogEntry[]>([]);
  const [held, setHeld] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const pending = useRef<EventLogEntry[]>([]);
  const frame = useRef(0);
  const pausedRef = useRef(paused);

  const flush = () => {
    frame.current = 0;
    if (pausedRef.current) {
      setHeld(pending.current.length);
      return;
    }
    const more = pending.current;
    pending.current = [];
    setHeld(0);
    if (more.length) setEvents((old) => appendBounded(old, more));
  };
  const schedule = () => {
    if (!frame.current) frame.current = requestAnimationFrame(flush);
  };

  useEffect(() => {
    pausedRef.current = paused;
    schedule();
  });
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  useStream(
    'events.follow',
    live ? [{ replay: true }] : null,
    {
      onOpen: () => {
        // A reopened stream replays the ring: start over from it.
        pending.current = [];
        setEvents([]);
        setFailure(null);
      },
      onLines: (lines) => {
        for (const line of lines) pending.current.push(JSON.parse(line) as EventLogEntry);
        // Held while paused: no more than the page could show.
        if (pending.current.length > PAGE_EVENTS)
          pending.current.splice(0, pending.current.length - PAGE_EVENTS);
        schedule();
      },
      onEnd: (error) => error && error.kind !== 'cancelled' && setFailure(describeError(error)),
    },
    { reopenAfterReconnect: true },
  );

  return { events, held, failure };
}
