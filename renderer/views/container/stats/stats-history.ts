// The last few minutes of one container's samples, as the columns uPlot draws.
// The engine's network and block I/O figures are totals since the container
// started (what `docker stats` prints); a chart of totals only ever climbs, so
// the charts show the rate between two samples, and the descriptions the totals.
import type { StatsSample } from '../../../../electron/contract/container-stats.ts';

/** Five minutes at the engine's one sample a second. */
export const HISTORY_SECONDS = 300;

export interface StatsHistory {
  /** Seconds since the epoch (uPlot's x axis). */
  time: number[];
  cpu: (number | null)[];
  memory: number[];
  rxRate: (number | null)[];
  txRate: (number | null)[];
  readRate: (number | null)[];
  writeRate: (number | null)[];
  pids: (number | null)[];
  /** The newest sample, for the figures in words. */
  latest: StatsSample | null;
}

export function emptyHistory(): StatsHistory {
  return {
    time: [],
    cpu: [],
    memory: [],
    rxRate: [],
    txRate: [],
    readRate: [],
    writeRate: [],
    pids: [],
    latest: null,
  };
}

/** A new history with `sample` (taken at `atMs`) appended and what is older than the window dropped. */
export function appendSample(h: StatsHistory, sample: StatsSample, atMs: number): StatsHistory {
  const t = atMs / 1000;
  const before = h.latest;
  const dt = before && h.time.length ? t - h.time[h.time.length - 1]! : 0;
  /** Bytes per second since the previous sample; none for the first, or after a restart's reset. */
  const rate = (now?: number, then?: number) =>
    dt > 0 && now !== undefined && then !== undefined && now >= then ? (now - then) / dt : null;
  const next: StatsHistory = {
    time: [...h.time, t],
    cpu: [...h.cpu, sample.cpu],
    memory: [...h.memory, sample.memory],
    rxRate: [...h.rxRate, rate(sample.network?.rx, before?.network?.rx)],
    txRate: [...h.txRate, rate(sample.network?.tx, before?.network?.tx)],
    readRate: [...h.readRate, rate(sample.blockIo?.read, before?.blockIo?.read)],
    writeRate: [...h.writeRate, rate(sample.blockIo?.write, before?.blockIo?.write)],
    pids: [...h.pids, sample.pids ?? null],
    latest: sample,
  };
  const drop = next.time.findIndex((x) => x > t - HISTORY_SECONDS);
  if (drop <= 0) return next;
  return {
    time: next.time.slice(drop),
    cpu: next.cpu.slice(drop),
    memory: next.memory.slice(drop),
    rxRate: next.rxRate.slice(drop),
    txRate: next.txRate.slice(drop),
    readRate: next.readRate.slice(drop),
    writeRate: next.writeRate.slice(drop),
    pids: next.pids.slice(drop),
    latest: sample,
  };
}
