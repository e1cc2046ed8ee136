// What `containers.stats` streams: one JSON line per sample, per container,
// about once a second (the engine's own pace). Lines, not frames, because a
// stream carries bytes and the pump may join or split them.

/** More ids than any screen shows at once: the renderer asks only for visible rows. */
export const MAX_STATS_IDS = 200;

export interface StatsQuery {
  /** Container ids (12 to 64 hex digits), as the list has them. */
  ids: string[];
}

/** One container's figures, as `docker stats` computes them. */
export interface StatsSample {
  /** The id as it was asked for. */
  id: string;
  /** CPU % of one CPU (100 = one full CPU); null on the first sample, which has no previous one. */
  cpu: number | null;
  /** Bytes in use, without the inactive page cache (what the CLI's MEM USAGE shows). */
  memory: number;
  /** The container's own memory limit in bytes; null when it has none (the engine then reports the host's memory). */
  limit: number | null;
  /** Memory % of the engine's limit (the host's memory without one), as the CLI's MEM %; null without a limit. */
  memoryPercent?: number | null;
  /** Bytes received / sent over all interfaces since the container started. */
  network?: { rx: number; tx: number };
  /** Bytes read from / written to block devices since the container started. */
  blockIo?: { read: number; write: number };
  /** Processes and threads in the container (null when the engine does not say). */
  pids?: number | null;
}

/** The container stopped or is gone: no more samples come for it on this stream. */
interface StatsGone {
  id: string;
  gone: true;
}

export type StatsLine = StatsSample | StatsGone;

export function isGone(line: StatsLine): line is StatsGone {
  return 'gone' in line;
}
