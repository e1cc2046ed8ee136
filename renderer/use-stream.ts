// Contract streams of lines for components: the stream lives as long as the
// component (cancelled on unmount), and optionally comes back after a
// reconnect. useStream is declarative (these args, or none); useStreamFeed
// hands out the feed for a stream the component opens itself (a pull).
import { useEffect, useRef, useState } from 'react';
import type { StreamArgs, StreamChannel } from '../electron/contract/channels.ts';
import { getClient } from './client/contract-client.ts';
import { StreamFeed, type LineHandlers } from './stream-feed.ts';

interface StreamOptions {
  /** Open the stream again when the connection comes back (what it showed may be stale). */
  reopenAfterReconnect?: boolean;
}

/** A feed of `channel`, closed on unmount. */
export function useStreamFeed<K extends StreamChannel>(
  channel: K,
  opts: StreamOptions = {},
): StreamFeed<K> {
  const [feed] = useState(() => new StreamFeed(getClient(), channel));
  const reopen = opts.reopenAfterReconnect ?? false;
  useEffect(() => {
    const unsubscribe = reopen ? feed.reopenAfterReconnect() : undefined;
    return () => {
      unsubscribe?.();
      feed.close();
    };
  }, [feed, reopen]);
  return feed;
}

interface UseStreamOptions extends StreamOptions {
  /**
   * When the args change while a stream is open, wait this long for them to
   * settle before reopening (scrolling changes the rows on screen many times a
   * second); with nothing open yet, open at once.
   */
  changeDelayMs?: number;
}

/**
 * Streams `channel` with `args` while mounted, reopened when the args change
 * (compared by value) and closed while they are null. The latest `handlers`
 * are always the ones called.
 */
export function useStream<K extends StreamChannel>(
  channel: K,
  args: StreamArgs<K> | null,
  handlers: LineHandlers<K>,
  opts: UseStreamOptions = {},
): void {
  const feed = useStreamFeed(channel, opts);
  const latest = useRef({ args, handlers });
  useEffect(() => {
    latest.current = { args, handlers };
  });
  const key = args === null ? null : JSON.stringify(args);
  const changeDelayMs = opts.changeDelayMs ?? 0;

  useEffect(() => {
    const apply = () => {
      const current = latest.current.args;
      if (current === null) {
        feed.close();
        return;
      }
      feed.open(current, {
        onOpen: (a) => latest.current.handlers.onOpen?.(a),
        onLines: (lines) => latest.current.handlers.onLines(lines),
        onEnd: (error) => latest.current.handlers.onEnd?.(error),
        onClose: () => latest.current.handlers.onClose?.(),
      });
    };
    if (!feed.streaming || changeDelayMs === 0) {
      apply();
      return;
    }
    const timer = setTimeout(apply, changeDelayMs);
    return () => clearTimeout(timer);
  }, [key, feed, changeDelayMs]);
}
