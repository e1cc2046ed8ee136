import { describe, expect, it } from 'vitest';
import { ContractError } from '../contract/errors.ts';
import { EngineTerminator, type EngineTerminatorOptions } from './engine-terminator.ts';
import { FakeClock } from './fake-clock.testkit.ts';
import { FakeDriver } from './fake-driver.testkit.ts';
import { outcome } from './supervisor-harness.testkit.ts';

function setup(options: Partial<EngineTerminatorOptions> = {}) {
  const clock = new FakeClock();
  const driver = new FakeDriver();
  driver.running = true;
  const said: string[] = [];
  const terminator = new EngineTerminator({
    driver,
    clock,
    graceMs: 3_000,
    killWaitMs: 2_000,
    onStep: (name) => said.push(`step: ${name}`),
    record: (message) => said.push(message),
    ...options,
  });
  const never = new AbortController().signal;
  return { clock, driver, said, terminator, never };
}

describe('EngineTerminator', () => {
  it('does nothing when no engine runs', async () => {
    const t = setup();
    t.driver.running = false;
    await t.terminator.terminate(t.never);
    expect(t.driver.signals).toEqual([]);
    expect(t.said).toEqual([]);
  });

  it('ends with SIGTERM alone when the engine exits in time', async () => {
    const t = setup();
    await t.terminator.terminate(t.never);
    expect(t.driver.signals).toEqual(['SIGTERM']);
    expect(t.driver.running).toBe(false);
    expect(t.said).toEqual(['step: stop engine (SIGTERM)']);
    expect(t.clock.pendingTimers).toBe(0);
  });

  it('sends SIGKILL exactly when the grace period runs out', async () => {
    const t = setup();
    t.driver.onSigterm = 'ignore';
    const ended = outcome(t.terminator.terminate(t.never));
    await t.clock.advance(2_999);
    expect(t.driver.signals).toEqual(['SIGTERM']);
    await t.clock.advance(1);
    expect(t.driver.signals).toEqual(['SIGTERM', 'SIGKILL']);
    expect(ended.result()).toEqual({ ok: true });
    expect(t.said).toEqual([
      'step: stop engine (SIGTERM)',
      'Engine did not exit within 3 s of SIGTERM; killing it',
      'step: kill engine (SIGKILL)',
    ]);
  });

  it('uses the grace period it is given over its default', async () => {
    const t = setup();
    t.driver.onSigterm = 'ignore';
    outcome(t.terminator.terminate(t.never, 500));
    await t.clock.advance(499);
    expect(t.driver.signals).toEqual(['SIGTERM']);
    await t.clock.advance(1);
    expect(t.driver.signals).toEqual(['SIGTERM', 'SIGKILL']);
  });

  it('fails naming the kill step when the engine survives SIGKILL too', async () => {
    const t = setup();
    t.driver.onSigterm = 'ignore';
    t.driver.onSigkill = 'ignore';
    const ended = outcome(t.terminator.terminate(t.never));
    await t.clock.advance(3_000 + 1_999);
    expect(ended.result()).toBeUndefined();
    await t.clock.advance(1);
    const result = ended.result();
    if (result?.ok !== false) throw new Error('terminate should have failed');
    expect(result.error.envelope).toMatchObject({ kind: 'timeout', step: 'kill engine (SIGKILL)' });
    expect(t.driver.running).toBe(true);
  });

  it('says it is ending the engine only while it is', async () => {
    const t = setup();
    const during: boolean[] = [];
    t.driver.onExit(() => during.push(t.terminator.ending));
    expect(t.terminator.ending).toBe(false);
    await t.terminator.terminate(t.never);
    expect(during).toEqual([true]);
    expect(t.terminator.ending).toBe(false);
  });

  it('clears the ending flag when the engine refuses to die', async () => {
    const t = setup();
    t.driver.onSigterm = 'ignore';
    t.driver.onSigkill = 'ignore';
    const ended = outcome(t.terminator.terminate(t.never));
    await t.clock.until(() => ended.result() !== undefined);
    expect(t.terminator.ending).toBe(false);
  });

  it('gives up at once, without SIGKILL, when the caller aborts', async () => {
    const t = setup();
    t.driver.onSigterm = 'ignore';
    const caller = new AbortController();
    const ended = outcome(t.terminator.terminate(caller.signal));
    await t.clock.advance(100);
    caller.abort(new ContractError({ kind: 'cancelled', message: 'app is leaving' }));
    await t.clock.advance(0);
    const result = ended.result();
    if (result?.ok !== false) throw new Error('terminate should have been cancelled');
    expect(result.error.envelope).toMatchObject({
      kind: 'cancelled',
      step: 'stop engine (SIGTERM)',
    });
    await t.clock.advance(10_000);
    expect(t.driver.signals).toEqual(['SIGTERM']);
  });
});
