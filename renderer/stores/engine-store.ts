// The engine in use, every candidate, and the app connection's own state.
import { create } from 'zustand';
import type {
  EngineCandidate,
  EngineIndicatorState,
  EngineStatus,
} from '../../electron/contract/engine-types.ts';
import { describeFailure } from '../../electron/contract/errors.ts';
import { getClient } from '../client/contract-client.ts';
import type { ConnectionState } from '../client/transport.ts';

interface EngineStore {
  status: EngineStatus | null;
  candidates: EngineCandidate[];
  connection: ConnectionState;
  /** The last failed action, in the words the alert shows. */
  actionError: string | null;
  busy: string | null;
}

export const useEngineStore = create<EngineStore>(() => ({
  status: null,
  candidates: [],
  connection: 'connecting',
  actionError: null,
  busy: null,
}));

/** The one word the indicator shows. */
export function indicatorState(
  status: EngineStatus | null,
  connection: ConnectionState,
): EngineIndicatorState {
  if (connection === 'closed' || connection === 'unauthorized') return 'disconnected';
  if (!status) return 'starting';
  if (status.state === 'running' && !status.eventsConnected) return 'disconnected';
  return status.state;
}

let started = false;

export function startEngineSync(): void {
  if (started) return;
  started = true;
  const client = getClient();
  client.on('engine.status', (status) => useEngineStore.setState({ status }));
  client.on('engine.candidates', (candidates) => useEngineStore.setState({ candidates }));
  // Each answer is stored as it arrives, so an event that lands meanwhile is not overwritten.
  const refresh = async () => {
    try {
      useEngineStore.setState({ status: await client.call('engine.status'), actionError: null });
      useEngineStore.setState({ candidates: await client.call('engine.candidates') });
    } catch (err) {
      useEngineStore.setState({ actionError: describeFailure(err) });
    }
  };
  client.onConnection((connection) => {
    useEngineStore.setState({ connection });
    if (connection === 'open') void refresh();
  });
  useEngineStore.setState({ connection: client.connection });
  void refresh();
}

type EngineAction =
  'engine.start' | 'engine.stop' | 'engine.restart' | 'engine.reset' | 'engine.rediscover';

/** Runs an engine action; its failure lands in `actionError` for the alert. */
export async function runEngineAction(action: EngineAction | { use: string }): Promise<void> {
  const client = getClient();
  const label = typeof action === 'string' ? action : 'engine.use';
  useEngineStore.setState({ busy: label, actionError: null });
  try {
    if (typeof action !== 'string') await client.call('engine.use', action.use);
    else if (action === 'engine.rediscover')
      useEngineStore.setState({ candidates: await client.call(action) });
    else await client.call(action);
  } catch (err) {
    useEngineStore.setState({ actionError: describeFailure(err) });
  } finally {
    useEngineStore.setState({ busy: null });
  }
}
