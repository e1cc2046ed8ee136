// The promises start() and stop() hand out. Each waits for the state it asked
// for; the supervisor calls settle() after every transition, and a state that
// means the wanted one will not come (error, or a stop overtaking a start)
// rejects the waiter instead of leaving it hanging.

import type { EngineState } from '../contract/engine-types.ts';
import { ContractError } from '../contract/errors.ts';

type WaitTarget = 'running' | 'stopped';

type Waiter = {
  target: WaitTarget;
  resolve: () => void;
  reject: (error: unknown) => void;
};

export const cancelledByStop = (): ContractError =>
  new ContractError({
    kind: 'cancelled',
    message: 'The engine start was cancelled because a stop was requested.',
  });

export class StateWaiters {
  #waiters: Waiter[] = [];

  waitFor(target: WaitTarget): Promise<void> {
    return new Promise((resolve, reject) => this.#waiters.push({ target, resolve, reject }));
  }

  /** Answers every waiter that `state` decides; `failure` is asked once per waiter it rejects. */
  settle(state: EngineState, failure: () => ContractError): void {
    const keep: Waiter[] = [];
    for (const waiter of this.#waiters) {
      if (state === waiter.target) waiter.resolve();
      else if (state === 'error') waiter.reject(failure());
      else if (waiter.target === 'running' && state === 'stopping')
        waiter.reject(cancelledByStop());
      else keep.push(waiter);
    }
    this.#waiters = keep;
  }
}
