// The Engine page's "Add engine", "Remove engine" and "Trust this host?":
// the remote-engines provider does the work, the engine manager lists the
// result (without probing the other engines again).
import type { CallHandlers } from '../contract/channels.ts';
import { ContractError } from '../contract/errors.ts';
import type { EngineManager } from './engine-manager.ts';
import type { RemoteEngines } from './remote-engines.ts';

type RemoteCalls = Pick<CallHandlers, 'engine.add' | 'engine.remove' | 'engine.trustHostKey'>;

export function remoteEngineCalls(
  manager: Pick<EngineManager, 'candidates' | 'disconnect' | 'remoteChanged' | 'status' | 'use'>,
  remote: RemoteEngines,
): RemoteCalls {
  return {
    'engine.add': async (request) => {
      const address = request.address.trim();
      const listed = manager.candidates().find((c) => c.endpoint === address);
      if (listed && listed.source !== 'remote') {
        throw new ContractError({
          kind: 'conflict',
          message: `${address} is already on the list, as ${listed.label}.`,
          hint: 'Use it from the list.',
        });
      }
      const added = await remote.add(request);
      manager.remoteChanged();
      // Nothing shown yet (no engine was found here): the one just added is the one to show.
      if (manager.status().engineId === null) await manager.use(added.id);
      return manager.candidates().find((c) => c.id === added.id) ?? added;
    },
    'engine.remove': async (id) => {
      if (!remote.has(id)) {
        throw new ContractError({
          kind: 'not-found',
          message: `${id} is not an engine you added, so it cannot be removed.`,
          hint: 'Engines Berth found on this machine stay listed while they exist.',
        });
      }
      // Refuses the engine shown, with a way forward; otherwise closes its connection first.
      manager.disconnect(id);
      await remote.remove(id);
      manager.remoteChanged();
    },
    'engine.trustHostKey': (key) => remote.trustHostKey(key),
  };
}
