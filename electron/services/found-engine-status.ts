// The state, last error and short history of each engine the app found rather
// than started, per engine id, so switching back to an engine shows its own
// history. The supervisor keeps the managed engine's. The id `null` holds what
// is said while no engine is in use ("No container engine was found").
import type { EngineHistoryEntry, EngineState, EngineStatus } from '../contract/engine-types.ts';

const HISTORY_LIMIT = 50;

interface FoundStatus {
  state: EngineState;
  error?: EngineStatus['error'];
  history: EngineHistoryEntry[];
}

export class FoundEngineStatus {
  readonly #byId = new Map<string | null, FoundStatus>();

  get(id: string | null): FoundStatus {
    return this.#byId.get(id) ?? { state: 'stopped', history: [] };
  }

  /** A new state; the error goes unless given again. */
  set(id: string | null, state: EngineState, error?: EngineStatus['error']): void {
    this.#byId.set(id, { state, ...(error ? { error } : {}), history: this.get(id).history });
  }

  /** A line in the history, marked with `state` (the engine's own state is unchanged). */
  note(id: string | null, state: EngineState, message: string): void {
    const current = this.get(id);
    this.#byId.set(id, {
      ...current,
      history: [...current.history, { at: Date.now(), state, message }].slice(-HISTORY_LIMIT),
    });
  }
}
