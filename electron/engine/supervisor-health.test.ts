import { describe, expect, it } from 'vitest';
import type { EnginePing } from './engine-driver.ts';
import type { FakeClock } from './fake-clock.testkit.ts';
import { crashLoop, outcome, setup, type Harness } from './supervisor-harness.testkit.ts';

// Default policy: a ping 5 s after the last one ended, 5 s to answer, 3 misses
// in a row end the engine with 5 s between SIGTERM and SIGKILL.

/** A ping that answers after `ms` on the fake clock. */
function answerAfter(clock: FakeClock, ms: number): () => Promise<EnginePing> {
  return () => new Promise((resolve) => clock.setTimeout(() => resolve({ ok: true }), ms));
}

function history(t: Harness): string[] {
  return t.sup.status().history.map((e) => `${e.state}: ${e.message}`);
}

describe('EngineSupervisor health pings', () => {
  it('pings first 5 s after the engine is running, then 5 s after each answer', async () => {
    const t = setup();
    await t.run();
    await t.clock.advance(4_999);
    expect(t.driver.pings).toBe(0);
    await t.clock.advance(1);
    expect(t.driver.pings).toBe(1);
    await t.clock.advance(4_999);
    expect(t.driver.pings).toBe(1);
    await t.clock.advance(1);
    expect(t.driver.pings).toBe(2);
  });

  it('restarts an engine that misses 3 pings in a row, killing it and saying why in the history', async () => {
    const t = setup();
    await t.run();
    const firstPid = t.driver.pid;
    t.driver.answer = 'hang';
    // A stopped process never acts on SIGTERM; only SIGKILL ends it.
    t.driver.onSigterm = 'ignore';
    // Misses end at 10 s, 20 s and 30 s (5 s pause, 5 s deadline, each).
    await t.clock.advance(29_999);
    expect(t.sup.state).toBe('running');
    expect(t.driver.signals).toEqual([]);
    await t.clock.advance(1);
    expect(t.sup.status()).toMatchObject({ state: 'starting', step: 'stop engine (SIGTERM)' });
    expect(t.driver.signals).toEqual(['SIGTERM']);
    t.driver.answer = 'ok';
    await t.clock.advance(4_999);
    expect(t.driver.signals).toEqual(['SIGTERM']);
    await t.clock.advance(1);
    expect(t.driver.signals).toEqual(['SIGTERM', 'SIGKILL']);
    await t.clock.until(() => t.sup.state === 'running');
    expect(t.driver.pid).not.toBe(firstPid);
    expect(t.changes.slice(-2)).toEqual([
      'running --unresponsive--> starting',
      'starting --ready--> running',
    ]);
    const said = history(t);
    const from = said.findIndex((m) => m.includes('stopped answering'));
    expect(said.slice(from)).toEqual([
      'starting: The engine stopped answering: 3 pings missed in a row, 5 s apart ' +
        '(last: no answer within 5 s); ending it to start it again',
      'starting: stop engine (SIGTERM)…',
      'starting: Engine did not exit within 5 s of SIGTERM; killing it',
      'starting: kill engine (SIGKILL)…',
      `starting: Engine process ${firstPid} ended (killed by SIGKILL)`,
      'starting: The unresponsive engine is gone; restarting in 0.5 s (failure 1 of 5 allowed within 60 s)',
      'starting: wait before restart…',
      'starting: prepare folders…',
      'starting: spawn dockerd…',
      `starting: spawned pid ${t.driver.pid}`,
      'starting: wait for /_ping…',
      expect.stringMatching(/^running: Engine is running/),
    ]);
  });

  it('does not count a slow ping that answers within its deadline', async () => {
    const t = setup();
    await t.run();
    t.driver.answer = answerAfter(t.clock, 4_999);
    await t.clock.advance(10 * 60_000);
    expect(t.sup.state).toBe('running');
    expect(t.driver.pings).toBeGreaterThan(50);
    expect(t.changes).not.toContain('running --unresponsive--> starting');
    expect(history(t).some((m) => m.includes('missed'))).toBe(false);
  });

  it('counts a ping answered only at its deadline as missed', async () => {
    const t = setup();
    await t.run();
    t.driver.answer = answerAfter(t.clock, 5_000);
    await t.clock.advance(29_999);
    expect(t.sup.state).toBe('running');
    await t.clock.advance(1);
    expect(t.changes).toContain('running --unresponsive--> starting');
  });

  it('starts counting again after an answer, and says the engine recovered', async () => {
    const t = setup();
    await t.run();
    const script: Array<'hang' | 'ok'> = ['hang', 'hang', 'ok'];
    t.driver.answer = (opts) => {
      const next = script[(t.driver.pings - 1) % script.length];
      if (next === 'ok') return Promise.resolve({ ok: true });
      return new Promise((resolve) =>
        opts.signal.addEventListener('abort', () => resolve({ ok: false, reason: 'aborted' })),
      );
    };
    await t.clock.advance(10 * 60_000);
    expect(t.sup.state).toBe('running');
    expect(t.driver.pings).toBeGreaterThan(30);
    expect(history(t)).toContain('running: The engine answered again after 2 missed pings');
    // Two misses are already behind this answer; only three new ones restart it.
    await t.clock.until(() => t.driver.pings % 3 === 0 && t.driver.pingsInFlight === 0);
    t.driver.answer = 'refuse';
    const from = t.clock.now();
    await t.clock.until(() => t.sup.state !== 'running');
    expect(t.clock.now() - from).toBe(15_000);
    expect(history(t)).toContainEqual(expect.stringContaining('(last: ECONNREFUSED)'));
  });

  it('stops pinging while stopping and once stopped, abandoning a ping in flight', async () => {
    const t = setup({ stopGraceMs: 20_000 });
    await t.run();
    t.driver.answer = 'hang';
    await t.clock.advance(7_000);
    expect(t.driver.pingsInFlight).toBe(1);
    t.driver.onSigterm = 'ignore';
    const stopped = outcome(t.sup.stop());
    await t.clock.advance(0);
    expect(t.driver.pingsInFlight).toBe(0);
    await t.clock.advance(19_000);
    expect(t.sup.state).toBe('stopping');
    expect(t.driver.pings).toBe(1);
    await t.clock.until(() => stopped.result() !== undefined);
    expect(t.sup.state).toBe('stopped');
    await t.clock.advance(10 * 60_000);
    expect(t.driver.pings).toBe(1);
    expect(t.changes).not.toContain('running --unresponsive--> starting');
  });

  it('pings neither while starting nor after dispose()', async () => {
    const t = setup();
    t.driver.behave('wait for /_ping', 'hang');
    outcome(t.sup.start());
    await t.clock.advance(4_000);
    expect(t.driver.pings).toBe(0);
    t.driver.behave('wait for /_ping', 'ok');
    await t.sup.stop();
    await t.run();
    t.sup.dispose();
    await t.clock.advance(10 * 60_000);
    expect(t.driver.pings).toBe(0);
  });

  it('counts a hang against the crash budget and backs off longer for the next', async () => {
    const t = setup();
    await t.run();
    t.driver.exit({ code: 1 });
    await t.clock.until(() => t.sup.state === 'running');
    t.driver.answer = 'hang';
    await t.clock.until(() => t.sup.state !== 'running');
    t.driver.answer = 'ok';
    await t.clock.until(() => t.sup.state === 'running');
    expect(history(t)).toContain(
      'starting: The unresponsive engine is gone; restarting in 1 s (failure 2 of 5 allowed within 60 s)',
    );
  });

  it('ends a hung engine and goes to error when the hang spends the crash budget', async () => {
    const t = setup();
    await t.run();
    await crashLoop(t, 4);
    expect(t.sup.state).toBe('running');
    t.driver.answer = 'hang';
    await t.clock.until(() => t.sup.state === 'error');
    expect(t.driver.running).toBe(false);
    expect(t.driver.signals).toEqual(['SIGTERM']);
    expect(t.changes.slice(-2)).toEqual([
      'running --unresponsive--> starting',
      'starting --give-up--> error',
    ]);
    expect(t.sup.status().error?.message).toContain('failed 5 times within 60 s');
    expect(t.sup.status().error?.message).toContain('The engine stopped answering');
  });

  it('lets a stop win over the restart of a hung engine', async () => {
    const t = setup({ stopGraceMs: 3_000 });
    await t.run();
    t.driver.answer = 'hang';
    t.driver.onSigterm = 'ignore';
    await t.clock.until(() => t.sup.state === 'starting');
    const stopped = outcome(t.sup.stop());
    await t.clock.until(() => stopped.result() !== undefined);
    expect(stopped.result()).toEqual({ ok: true });
    expect(t.sup.state).toBe('stopped');
    expect(t.driver.running).toBe(false);
    await t.clock.advance(60_000);
    expect(t.driver.stepRuns.filter((s) => s === 'spawn dockerd')).toHaveLength(1);
  });
});
