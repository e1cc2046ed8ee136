// A supervisor on a fake clock and a fake driver, for the supervisor's tests:
// every transition is recorded as `from --event--> to`, every status kept.

import { expect, vi } from 'vitest';
import type { ContractError } from '../contract/errors.ts';
import { FakeClock } from './fake-clock.testkit.ts';
import { FakeDriver } from './fake-driver.testkit.ts';
import { EngineSupervisor, type SupervisorOptions, type SupervisorStatus } from './supervisor.ts';

export type Outcome = { ok: true } | { ok: false; error: ContractError };

/** Observes a promise without leaving a rejection unhandled while time moves. */
export function outcome(promise: Promise<void>): { result: () => Outcome | undefined } {
  let result: Outcome | undefined;
  promise.then(
    () => (result = { ok: true }),
    (error: ContractError) => (result = { ok: false, error }),
  );
  return { result: () => result };
}

export function setup(options: Partial<SupervisorOptions> = {}) {
  const clock = new FakeClock();
  const driver = new FakeDriver();
  const changes: string[] = [];
  const statuses: SupervisorStatus[] = [];
  const logger = { error: vi.fn() };
  const sup = new EngineSupervisor({
    driver,
    clock,
    logger,
    onTransition: (c) => changes.push(`${c.from} --${c.event}--> ${c.to}`),
    ...options,
  });
  sup.onStatus((status) => statuses.push(status));
  const run = async (): Promise<void> => {
    const started = outcome(sup.start());
    await clock.until(() => started.result() !== undefined);
    expect(started.result()).toEqual({ ok: true });
  };
  return { clock, driver, sup, changes, statuses, logger, run };
}

export type Harness = ReturnType<typeof setup>;

/** Crashes the running engine `times` times, letting each restart finish. */
export async function crashLoop(t: Harness, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    t.driver.exit({ code: 1 });
    await t.clock.until(() => t.sup.state !== 'starting');
  }
}
