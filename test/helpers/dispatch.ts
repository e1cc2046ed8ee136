// Calls through the app's dispatcher (the contract's schemas first), as a
// window makes them: the value, or the envelope a refusal carries.
import type { ErrorEnvelope } from '../../electron/contract/errors.ts';
import type { Dispatcher } from '../../electron/transport/dispatcher.ts';

export function dispatchCalls(dispatcher: () => Dispatcher) {
  return {
    /** The value; a refusal throws an Error carrying the envelope. */
    async call(channel: string, ...args: unknown[]): Promise<unknown> {
      const reply = await dispatcher().call(channel, args);
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), { envelope: reply.error });
      return reply.value;
    },
    /** The envelope of a refusal; a call that succeeds fails the test. */
    async refusal(channel: string, ...args: unknown[]): Promise<ErrorEnvelope> {
      const reply = await dispatcher().call(channel, args);
      if (reply.ok) throw new Error(`${channel} was not refused`);
      return reply.error;
    },
  };
}
