// The latest CPU and memory figures per container, apart from the list's store:
// samples arrive every second, and only the two cells of their row should
// re-render, not the whole grid.
import { create } from 'zustand';
import {
  isGone,
  type StatsLine,
  type StatsSample,
} from '../../electron/contract/container-stats.ts';

interface StatsStore {
  byId: Readonly<Record<string, StatsSample>>;
  /** Why the figures stopped coming (the stream ended with an error), until the next stream. */
  failure: string | null;
}

export const useStatsStore = create<StatsStore>(() => ({ byId: {}, failure: null }));

export function setStatsFailure(failure: string | null): void {
  useStatsStore.setState({ failure });
}

/** One update for a whole frame of lines. A `gone` container loses its figures. */
export function applyStatsLines(lines: StatsLine[]): void {
  if (lines.length === 0) return;
  useStatsStore.setState((s) => {
    const byId = { ...s.byId };
    for (const line of lines) {
      if (isGone(line)) delete byId[line.id];
      else byId[line.id] = line;
    }
    return { byId };
  });
}

/** Keeps only these ids (the ones still streamed), so nothing stale lingers. */
export function keepStats(ids: ReadonlySet<string>): void {
  useStatsStore.setState((s) => ({
    byId: Object.fromEntries(Object.entries(s.byId).filter(([id]) => ids.has(id))),
  }));
}
