// Keeps a store of one mirrored resource (containers, images...) equal to the
// app's list of the engine shown: a snapshot, then that engine's deltas;
// another engine's deltas are ignored, and a switch (an `engine.status` naming
// another engine) fetches the new engine's snapshot, which the app serves at
// once from its live mirror. Written against a narrow client so it runs under
// Node too (engine tests).
import type { StoreApi } from 'zustand/vanilla';
import type { EngineStatus } from '../../electron/contract/engine-types.ts';
import { describeFailure } from '../../electron/contract/errors.ts';
import type {
  MirroredResource,
  MirroredRows,
  ResourceDelta,
  ResourceSnapshot,
} from '../../electron/contract/mirror-types.ts';
import type { ConnectionState } from '../client/transport.ts';
import {
  applyDelta,
  applySnapshot,
  emptyResource,
  needsSnapshot,
  type ResourceState,
} from './resource-deltas.ts';

export interface ResourceStore<T> extends ResourceState<T> {
  loaded: boolean;
  error: string | null;
  /** Whole re-reads applied (snapshots and reset deltas): list-freshness.ts counts on them. */
  heals: number;
}

export const initialResource: ResourceStore<never> = {
  ...emptyResource,
  loaded: false,
  error: null,
  heals: 0,
};

/** What the sync of resource R needs of the contract client. */
export interface ResourceClient<R extends MirroredResource> {
  call(channel: `${R}.list`): Promise<ResourceSnapshot<MirroredRows[R]>>;
  on(channel: `${R}.delta`, listener: (delta: ResourceDelta<MirroredRows[R]>) => void): () => void;
  on(channel: 'engine.status', listener: (status: EngineStatus) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}

/** Starts following `resource`; returns a function that stops. */
export function syncResource<R extends MirroredResource>(
  resource: R,
  client: ResourceClient<R>,
  store: StoreApi<ResourceStore<MirroredRows[R]>>,
): () => void {
  type Row = MirroredRows[R];
  /** The engine the app shows, as its last status said; undefined until one arrives. */
  let shown: string | null | undefined;
  let fetching = false;
  let pending: ResourceDelta<Row>[] = [];

  const fetchSnapshot = async (): Promise<void> => {
    if (fetching) return;
    let refetch = false;
    fetching = true;
    pending = [];
    try {
      const snapshot = await client.call(`${resource}.list`);
      let state = applySnapshot<Row>(store.getState(), snapshot);
      for (const d of pending) {
        const next = applyDelta(state, d);
        if (!next) {
          refetch = true; // a gap among the queued deltas: only a new snapshot is safe
          break;
        }
        state = next;
      }
      // Seq 0: the app has not listed this engine yet (it is still connecting, or its first
      // re-list is under way); an empty list then would say "nothing here" for a moment.
      store.setState({
        ...state,
        loaded: state.seq > 0,
        error: null,
        heals: store.getState().heals + 1,
      });
      // Read before a switch we heard of meanwhile: the shown engine's comes next.
      if (needsSnapshot(state, shown)) refetch = true;
    } catch (err) {
      store.setState({ error: describeFailure(err) });
    } finally {
      fetching = false;
      pending = [];
    }
    if (refetch) await fetchSnapshot();
  };

  const offDelta = client.on(`${resource}.delta`, (delta: ResourceDelta<Row>) => {
    if (fetching) {
      pending.push(delta);
      return;
    }
    const state = store.getState();
    const next = applyDelta<Row>(state, delta);
    if (!next) void fetchSnapshot();
    else if (next !== state)
      store.setState({ ...next, loaded: true, heals: state.heals + (delta.reset ? 1 : 0) });
  });
  const offStatus = client.on('engine.status', (status) => {
    shown = status.engineId;
    if (!fetching && needsSnapshot(store.getState(), shown)) void fetchSnapshot();
  });
  const offConnection = client.onConnection((state) => {
    if (state === 'open') void fetchSnapshot();
  });
  void fetchSnapshot();
  return () => {
    offDelta();
    offStatus();
    offConnection();
  };
}
