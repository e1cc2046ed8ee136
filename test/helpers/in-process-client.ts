// The renderer's container sync needs a client; this one goes straight to a
// Dispatcher (the app's own, as both transports use it), so an engine test
// can run the renderer-side store against real services without a browser.
import type { EventChannel } from '../../electron/contract/channels.ts';
import type { ContainersSnapshot } from '../../electron/contract/container-types.ts';
import { ContractError } from '../../electron/contract/errors.ts';
import type { Dispatcher } from '../../electron/transport/dispatcher.ts';
import type { ContainersClient } from '../../renderer/stores/containers-sync.ts';

export function inProcessClient(dispatcher: Dispatcher): ContainersClient {
  return {
    call: async (channel) => {
      const reply = await dispatcher.call(channel, []);
      if (!reply.ok) throw new ContractError(reply.error);
      return reply.value as ContainersSnapshot;
    },
    on: ((channel: EventChannel, listener: (payload: unknown) => void) =>
      dispatcher.subscribe((ch, payload) => {
        if (ch === channel) listener(payload);
      })) as ContainersClient['on'],
    // Always open: nothing between this client and the dispatcher can drop.
    onConnection: () => () => {},
  };
}
