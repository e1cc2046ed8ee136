import { useEffect, useState } from 'react';
import { getClient } from '../../client/contract-client.ts';
import type { StreamHandle } from '../../client/transport.ts';
import { StatsLineReader } from '../../stores/stats-lines.ts';
import { applyStatsLines, keepStats, setStatsFailure } from '../../stores/stats-store.ts';

/** Scrolling changes the visible rows many times a second: reopen once it settles. */
const REOPEN_DEBOUNCE_MS = 250;

/** At most one `containers.stats` stream, for one set of ids (a sorted, comma-joined key). */
class StatsFeed {
  #handle: StreamHandle | null = null;
  key = '';

  get streaming(): boolean {
    return this.#handle !== null;
  }

  open(key: string): void {
    this.close();
    this.key = key;
    const ids = key ? key.split(',') : [];
    keepStats(new Set(ids));
    if (ids.length === 0) return;
    setStatsFailure(null);
    const reader = new StatsLineReader(); // per stream: a line may span two frames
    const handle = getClient().stream('containers.stats', [{ ids }], {
      onData(bytes, ack) {
        applyStatsLines(reader.read(bytes));
        ack();
      },
      onEnd: (error) => {
        if (error) setStatsFailure(error.message);
        if (this.#handle === handle) this.#handle = null;
      },
    });
    this.#handle = handle;
  }

  close(): void {
    this.#handle?.cancel();
    this.#handle = null;
  }
}

/**
 * Streams CPU and memory for exactly these containers while the caller is
 * mounted: one stream, reopened when the set changes (debounced; at once when
 * nothing is streamed yet) or the connection comes back, and closed on
 * unmount. Stats have no engine event, so nothing off screen is asked for.
 */
export function useContainerStats(ids: readonly string[]): void {
  const key = [...ids].sort().join(',');
  const [feed] = useState(() => new StatsFeed());

  useEffect(() => {
    const client = getClient();
    let wasOpen = client.connection === 'open';
    const unsubscribe = client.onConnection((state) => {
      if (state === 'open' && !wasOpen) feed.open(feed.key);
      wasOpen = state === 'open';
    });
    return () => {
      unsubscribe();
      feed.close();
      keepStats(new Set());
    };
  }, [feed]);

  useEffect(() => {
    if (key === feed.key && feed.streaming) return;
    const timer = setTimeout(() => feed.open(key), feed.streaming ? REOPEN_DEBOUNCE_MS : 0);
    return () => clearTimeout(timer);
  }, [key, feed]);
}
