import { parseStatsLines } from '../../stores/stats-lines.ts';
import { applyStatsLines, keepStats, setStatsFailure } from '../../stores/stats-store.ts';
import { useStream } from '../../use-stream.ts';

/** Scrolling changes the visible rows many times a second: reopen once it settles. */
const REOPEN_DEBOUNCE_MS = 250;

/**
 * Streams CPU and memory for exactly these containers while the caller is
 * mounted: one stream, reopened when the set changes (debounced; at once when
 * nothing is streamed yet) or the connection comes back, and closed on
 * unmount. Stats have no engine event, so nothing off screen is asked for.
 */
export function useContainerStats(ids: readonly string[]): void {
  const key = [...ids].sort().join(',');

  useStream(
    'containers.stats',
    key ? [{ ids: key.split(',') }] : null,
    {
      onOpen([{ ids: open }]) {
        keepStats(new Set(open));
        setStatsFailure(null);
      },
      onLines: (lines) => applyStatsLines(parseStatsLines(lines)),
      onEnd(error) {
        if (error) setStatsFailure(error.message);
      },
      // No rows left to stream, or the page is left: no figure may linger.
      onClose: () => keepStats(new Set()),
    },
    { reopenAfterReconnect: true, changeDelayMs: REOPEN_DEBOUNCE_MS },
  );
}
