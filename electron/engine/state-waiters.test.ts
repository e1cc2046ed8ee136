import { describe, expect, it } from 'vitest';
import { ContractError } from '../contract/errors.ts';
import { StateWaiters } from './state-waiters.ts';
import { outcome } from './supervisor-harness.testkit.ts';

const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const broke = (): ContractError => new ContractError({ kind: 'internal', message: 'broke' });

describe('StateWaiters', () => {
  it('resolves a waiter when its state comes and keeps it through states on the way', async () => {
    const w = new StateWaiters();
    const stopped = outcome(w.waitFor('stopped'));
    w.settle('starting', broke);
    w.settle('stopping', broke);
    await settled();
    expect(stopped.result()).toBeUndefined();
    w.settle('stopped', broke);
    await settled();
    expect(stopped.result()).toEqual({ ok: true });
  });

  it('rejects every waiter with the failure when the state is error', async () => {
    const w = new StateWaiters();
    const running = outcome(w.waitFor('running'));
    const stopped = outcome(w.waitFor('stopped'));
    w.settle('error', broke);
    await settled();
    expect([running.result(), stopped.result()]).toEqual([
      { ok: false, error: broke() },
      { ok: false, error: broke() },
    ]);
  });

  it('cancels a start waiter when a stop takes over, and keeps the stop waiter', async () => {
    const w = new StateWaiters();
    const running = outcome(w.waitFor('running'));
    const stopped = outcome(w.waitFor('stopped'));
    w.settle('stopping', broke);
    await settled();
    expect(running.result()).toMatchObject({
      ok: false,
      error: { envelope: { kind: 'cancelled' } },
    });
    expect(stopped.result()).toBeUndefined();
  });
});
