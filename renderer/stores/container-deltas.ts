// Pure functions that keep the renderer's container map equal to the app's.
import type {
  ContainerSummary,
  ContainersDelta,
  ContainersSnapshot,
} from '../../electron/contract/container-types.ts';

export interface ContainersState {
  engineId: string | null;
  /** The seq of the last snapshot or delta applied; -1 before the first snapshot. */
  seq: number;
  byId: Record<string, ContainerSummary>;
}

export const emptyContainers: ContainersState = { engineId: null, seq: -1, byId: {} };

export function applySnapshot(
  _state: ContainersState,
  snapshot: ContainersSnapshot,
): ContainersState {
  return { engineId: snapshot.engineId, seq: snapshot.seq, byId: indexById(snapshot.items) };
}

/**
 * Applies a delta if it is newer than what we have. A delta of another engine,
 * or one that skips a number, returns null: the caller fetches a snapshot.
 */
export function applyDelta(state: ContainersState, delta: ContainersDelta): ContainersState | null {
  if (delta.reset)
    return { engineId: delta.engineId, seq: delta.seq, byId: indexById(delta.upserts) };
  if (delta.engineId !== state.engineId || state.seq < 0) return null;
  if (delta.seq <= state.seq) return state;
  if (delta.seq !== state.seq + 1) return null;
  const byId = { ...state.byId };
  for (const id of delta.removed) delete byId[id];
  for (const c of delta.upserts) byId[c.id] = c;
  return { engineId: state.engineId, seq: delta.seq, byId };
}

function indexById(items: ContainerSummary[]): Record<string, ContainerSummary> {
  return Object.fromEntries(items.map((c) => [c.id, c]));
}
