// Follows the VM engine's containers for the port forwarder. It keeps its own
// `/events` subscription (the EventSubscription the app's engine connection
// uses, so it reconnects and heals the same way) rather than riding on the
// engine connection's: forwards must follow the VM's containers while the VM
// runs, whichever engine the app shows, and stop with QEMU, not with a window.
import type { EngineEndpoint } from '../engine/endpoint.ts';
import { PortForwarder } from '../engine/vm/port-forwarder.ts';
import type { ContainerPorts, PortProblem } from '../engine/vm/published-ports.ts';
import { endpointClient } from './engine-client.ts';
import { EventSubscription } from './events/event-subscription.ts';

/**
 * Container actions after which its published ports may have come or gone.
 * `die` covers stop, kill and crashes; `destroy` a forced removal. Network
 * connect/disconnect does not matter: ports are published on the guest's
 * addresses whatever networks the container joins.
 */
const PORT_ACTIONS = new Set(['start', 'die', 'destroy', 'pause', 'unpause']);

const CALL_TIMEOUT_MS = 15_000;

export interface VmPorts {
  problems(): PortProblem[];
  /** Resolves once the forwards match the containers the engine lists now. */
  resync(): Promise<void>;
  stop(): void;
}

export function followVmPorts(opts: {
  endpoint: EngineEndpoint;
  monitor(command: string): Promise<string>;
  /** The host ports QEMU forwards for the VM itself (the engine API). */
  reservedPorts: readonly number[];
  onProblems(problems: PortProblem[]): void;
  log?(message: string): void;
}): VmPorts {
  const log = opts.log ?? ((message: string) => console.warn(`[vm ports] ${message}`));
  const client = endpointClient(opts.endpoint, CALL_TIMEOUT_MS);
  const forwarder = new PortForwarder({
    monitor: opts.monitor,
    reservedPorts: opts.reservedPorts,
    onProblems: opts.onProblems,
    onError: log,
    engine: {
      runningContainers: async () =>
        (await client.calls.listContainers({ all: false })).map((c) => c.Id),
      inspect: async (id) => {
        try {
          return (await client.calls.getContainer(id).inspect()) as unknown as ContainerPorts;
        } catch (err) {
          if ((err as { statusCode?: number }).statusCode === 404) return null;
          throw err;
        }
      },
    },
  });
  const events = new EventSubscription({
    open: (since) =>
      client.streams.getEvents({
        ...(since ? { since: since as unknown as number } : {}),
        filters: { type: ['container'] },
      }) as Promise<NodeJS.ReadableStream>,
    onEvent: (event) => {
      if (event.type === 'container' && PORT_ACTIONS.has(event.action) && event.actorId) {
        void forwarder.containerChanged(event.actorId);
      }
    },
    // Events may have been missed while the stream was down: re-list.
    onConnected: () => void forwarder.resync(),
    onDisconnected: (reason) => log(`the VM engine's event stream is down (${reason}); retrying`),
  });
  events.start();
  return {
    problems: () => forwarder.problems(),
    resync: () => forwarder.resync(),
    stop: () => {
      events.stop();
      forwarder.stop();
    },
  };
}
