// Whether the container list is live or only the last state known. While the
// engine's event stream (or the app's own connection) is down, the list
// cannot follow the engine: it stays as it was, and says so. It is live again
// once the engine runs and a whole re-read (a heal) has arrived since.
import { create } from 'zustand';
import type { EngineStatus } from '../../electron/contract/engine-types.ts';
import type { ConnectionState } from '../client/transport.ts';
import { useContainersStore } from './containers-store.ts';
import { indicatorState, useEngineStore } from './engine-store.ts';

export interface FreshnessInput {
  loaded: boolean;
  heals: number;
  status: EngineStatus | null;
  connection: ConnectionState;
}

/**
 * The heal count last seen while the list could not follow the engine, or
 * null if it never lost it. A heal counts only once events flow again: the
 * app re-reads right after its event stream reconnects.
 */
export function nextLossMark(mark: number | null, input: FreshnessInput): number | null {
  const following = input.connection === 'open' && input.status?.eventsConnected === true;
  return following || input.status === null ? mark : input.heals;
}

export function isStale(mark: number | null, input: FreshnessInput): boolean {
  if (!input.loaded || input.status === null) return false;
  if (indicatorState(input.status, input.connection) !== 'running') return true;
  return mark !== null && input.heals <= mark;
}

const useLossMark = create<{ mark: number | null }>(() => ({ mark: null }));

function currentInput(): FreshnessInput {
  const { loaded, heals } = useContainersStore.getState();
  const { status, connection } = useEngineStore.getState();
  return { loaded, heals, status, connection };
}

let started = false;

/** Follows both stores from the start, so a loss seen on another page still counts. */
export function startListFreshness(): void {
  if (started) return;
  started = true;
  const update = () => {
    const mark = nextLossMark(useLossMark.getState().mark, currentInput());
    if (mark !== useLossMark.getState().mark) useLossMark.setState({ mark });
  };
  useEngineStore.subscribe(update);
  useContainersStore.subscribe(update);
  update();
}

/** True while the list shows the last known state rather than the engine's. */
export function useListStale(): boolean {
  const mark = useLossMark((s) => s.mark);
  const loaded = useContainersStore((s) => s.loaded);
  const heals = useContainersStore((s) => s.heals);
  const status = useEngineStore((s) => s.status);
  const connection = useEngineStore((s) => s.connection);
  return isStale(mark, { loaded, heals, status, connection });
}
