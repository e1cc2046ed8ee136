// The renderer's resource sync needs a client; this one goes straight to a
// Dispatcher (the app's own, as both transports use it), so an engine test
// can run the renderer-side store against real services without a browser.
import type { EventChannel } from '../../electron/contract/channels.ts';
import { ContractError } from '../../electron/contract/errors.ts';
import type { MirroredResource } from '../../electron/contract/mirror-types.ts';
import type { Dispatcher } from '../../electron/transport/dispatcher.ts';
import type { ResourceClient } from '../../renderer/stores/resource-sync.ts';

export function inProcessClient<R extends MirroredResource = 'containers'>(
  dispatcher: Dispatcher,
): ResourceClient<R> {
  return {
    call: async (channel) => {
      const reply = await dispatcher.call(channel, []);
      if (!reply.ok) throw new ContractError(reply.error);
      return reply.value as Awaited<ReturnType<ResourceClient<R>['call']>>;
    },
    on: ((channel: EventChannel, listener: (payload: unknown) => void) =>
      dispatcher.subscribe((ch, payload) => {
        if (ch === channel) listener(payload);
      })) as ResourceClient<R>['on'],
    // Always open: nothing between this client and the dispatcher can drop.
    onConnection: () => () => {},
  };
}
