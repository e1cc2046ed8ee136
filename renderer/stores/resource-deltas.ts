// Pure functions that keep a renderer map of one resource (containers,
// images...) equal to the app's list of the engine shown. Deltas of every
// connected engine arrive; only those of the engine whose list is held here
// apply (engine-registry.ts).
import type { ResourceDelta, ResourceSnapshot } from '../../electron/contract/mirror-types.ts';

export interface ResourceState<T> {
  /** The engine this list is of: the snapshot's. */
  engineId: string | null;
  /** The seq of the last snapshot or delta applied; -1 before the first snapshot. */
  seq: number;
  byId: Record<string, T>;
}

export const emptyResource: ResourceState<never> = { engineId: null, seq: -1, byId: {} };

/** A snapshot replaces everything, the engine included (a switch lands here). */
export function applySnapshot<T extends { id: string }>(
  _state: ResourceState<T>,
  snapshot: ResourceSnapshot<T>,
): ResourceState<T> {
  return { engineId: snapshot.engineId, seq: snapshot.seq, byId: indexById(snapshot.items) };
}

/**
 * Applies a delta of the engine held here if it is newer than what we have;
 * a delta of another engine returns the state unchanged (the same object).
 * One that skips a number returns null: the caller fetches a snapshot.
 */
export function applyDelta<T extends { id: string }>(
  state: ResourceState<T>,
  delta: ResourceDelta<T>,
): ResourceState<T> | null {
  if (delta.engineId !== state.engineId) return state;
  // Already in what we hold (queued while a snapshot was read), a reset included.
  if (state.seq >= 0 && delta.seq <= state.seq) return state;
  if (delta.reset)
    return { engineId: delta.engineId, seq: delta.seq, byId: indexById(delta.upserts) };
  if (state.seq < 0 || delta.seq !== state.seq + 1) return null;
  const byId = { ...state.byId };
  for (const id of delta.removed) delete byId[id];
  for (const c of delta.upserts) byId[c.id] = c;
  return { engineId: state.engineId, seq: delta.seq, byId };
}

/**
 * Whether the list held is not the shown engine's, so a snapshot is needed:
 * the app switched engines (`shown` from `engine.status`), or a snapshot
 * answered before a switch arrived after it. Unknown or no engine: keep it.
 */
export function needsSnapshot(
  state: ResourceState<unknown>,
  shown: string | null | undefined,
): boolean {
  return shown != null && shown !== state.engineId;
}

function indexById<T extends { id: string }>(items: T[]): Record<string, T> {
  return Object.fromEntries(items.map((c) => [c.id, c]));
}
