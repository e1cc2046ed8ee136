import { describe, expect, it, vi } from 'vitest';
import type { EngineState } from '../contract/engine-types.ts';
import { ContractError } from '../contract/errors.ts';
import { nextState, transitions, type SupervisorEvent } from './supervisor.ts';
import { crashLoop, outcome, setup, type Harness } from './supervisor-harness.testkit.ts';

describe('transition table', () => {
  // One case per entry of the table, each driven through the public API.
  const cases: Record<string, (t: Harness) => Promise<void>> = {
    'stopped --start--> starting': async (t) => {
      outcome(t.sup.start());
    },
    'starting --ready--> running': async (t) => {
      await t.run();
    },
    'starting --fail--> error': async (t) => {
      t.driver.behave('prepare folders', 'fail');
      const started = outcome(t.sup.start());
      await t.clock.until(() => started.result() !== undefined);
    },
    'starting --retry--> starting': async (t) => {
      await t.run();
      t.driver.behave('spawn dockerd', 'fail');
      t.driver.exit();
      await t.clock.until(() => t.changes.includes('starting --retry--> starting'));
    },
    'starting --give-up--> error': async (t) => {
      await t.run();
      t.driver.behave('spawn dockerd', 'fail');
      t.driver.exit();
      await t.clock.until(() => t.sup.state === 'error');
    },
    'starting --stop--> stopping': async (t) => {
      t.driver.behave('wait for /_ping', 'hang');
      outcome(t.sup.start());
      await t.clock.advance(10);
      await t.sup.stop();
    },
    'running --crash--> starting': async (t) => {
      await t.run();
      t.driver.exit();
    },
    'running --unresponsive--> starting': async (t) => {
      await t.run();
      t.driver.answer = 'hang';
      await t.clock.until(() => t.sup.state !== 'running');
    },
    'running --give-up--> error': async (t) => {
      await t.run();
      await crashLoop(t, 5);
    },
    'running --stop--> stopping': async (t) => {
      await t.run();
      outcome(t.sup.stop());
    },
    'stopping --stopped--> stopped': async (t) => {
      await t.run();
      const stopped = outcome(t.sup.stop());
      await t.clock.until(() => stopped.result() !== undefined);
    },
    'stopping --stop-failed--> error': async (t) => {
      await t.run();
      t.driver.onSigterm = 'ignore';
      t.driver.onSigkill = 'ignore';
      const stopped = outcome(t.sup.stop());
      await t.clock.until(() => stopped.result() !== undefined);
    },
    'error --start--> starting': async (t) => {
      t.driver.behave('prepare folders', 'fail');
      const first = outcome(t.sup.start());
      await t.clock.until(() => first.result() !== undefined);
      t.driver.behave('prepare folders', 'ok');
      await t.run();
    },
    'error --stop--> stopping': async (t) => {
      t.driver.behave('prepare folders', 'fail');
      const first = outcome(t.sup.start());
      await t.clock.until(() => first.result() !== undefined);
      await t.sup.stop();
    },
  };

  it('lists exactly the transitions these tests drive', () => {
    const listed = Object.entries(transitions).flatMap(([from, row]) =>
      Object.entries(row).map(([event, to]) => `${from} --${event}--> ${to}`),
    );
    expect(listed.sort()).toEqual(Object.keys(cases).sort());
  });

  for (const [name, drive] of Object.entries(cases)) {
    it(`makes ${name}`, async () => {
      const t = setup();
      await drive(t);
      await t.clock.advance(0);
      expect(t.changes).toContain(name);
    });
  }

  it('has no transition for events a state does not expect', () => {
    const none: Array<[EngineState, SupervisorEvent]> = [
      ['stopped', 'crash'],
      ['running', 'start'],
      ['stopping', 'start'],
      ['error', 'crash'],
    ];
    for (const [from, event] of none) expect(nextState(from, event)).toBeUndefined();
  });
});

describe('EngineSupervisor starting', () => {
  it('runs every step in order and records each in the history', async () => {
    const t = setup();
    await t.run();
    expect(t.driver.stepRuns).toEqual(['prepare folders', 'spawn dockerd', 'wait for /_ping']);
    const steps = t.sup.status().history.flatMap((e) => (e.message.endsWith('…') ? [e.step] : []));
    expect(steps).toEqual(['prepare folders', 'spawn dockerd', 'wait for /_ping']);
    expect(t.sup.status().history.at(-1)?.message).toMatch(
      /^Engine is running \(ready in \d+ ms\)/,
    );
    expect(t.sup.status().step).toBeUndefined();
  });

  it('shows the current step while starting', async () => {
    const t = setup();
    t.driver.behave('wait for /_ping', 'hang');
    outcome(t.sup.start());
    await t.clock.advance(10);
    expect(t.sup.status()).toMatchObject({ state: 'starting', step: 'wait for /_ping' });
  });

  it('names the failing step in the error and rejects start()', async () => {
    const t = setup();
    t.driver.behave('spawn dockerd', 'fail');
    const started = outcome(t.sup.start());
    await t.clock.until(() => started.result() !== undefined);
    const result = started.result();
    expect(result?.ok).toBe(false);
    if (result?.ok !== false) return;
    expect(result.error.envelope.step).toBe('spawn dockerd');
    expect(t.sup.status().error).toMatchObject({ step: 'spawn dockerd' });
    expect(t.sup.status().error?.message).toContain('spawn dockerd broke');
  });

  it('fails a step that exceeds its timeout with the step name', async () => {
    const t = setup();
    t.driver.behave('wait for /_ping', 'hang');
    const started = outcome(t.sup.start());
    await t.clock.advance(4_999);
    expect(t.sup.state).toBe('starting');
    await t.clock.advance(1);
    const result = started.result();
    if (result?.ok !== false) throw new Error('start should have failed');
    expect(result.error.envelope).toMatchObject({ kind: 'timeout', step: 'wait for /_ping' });
    expect(result.error.message).toBe('Engine step "wait for /_ping" did not finish within 5 s.');
    expect(t.sup.status().error?.hint).toBeTruthy();
  });

  it('keeps the driver’s own message and hint for a failing step', async () => {
    const t = setup();
    t.driver.behave('prepare folders', async () => {
      throw new ContractError({
        kind: 'permission-denied',
        message: 'The managed engine needs root.',
        hint: 'Run as root.',
      });
    });
    const started = outcome(t.sup.start());
    await t.clock.until(() => started.result() !== undefined);
    expect(t.sup.status().error).toEqual({
      message: 'The managed engine needs root.',
      step: 'prepare folders',
      hint: 'Run as root.',
    });
  });

  it('kills a half-started engine when a later step fails', async () => {
    const t = setup();
    t.driver.behave('wait for /_ping', 'fail');
    const started = outcome(t.sup.start());
    await t.clock.until(() => started.result() !== undefined);
    expect(t.driver.signals).toEqual(['SIGTERM']);
    expect(t.driver.running).toBe(false);
    expect(t.sup.state).toBe('error');
  });

  it('fails the current step at once with the engine’s last words when it exits during start', async () => {
    const t = setup();
    t.driver.behave('wait for /_ping', 'hang');
    const started = outcome(t.sup.start());
    await t.clock.advance(10);
    t.driver.log('failed to start daemon: pid file found');
    t.driver.exit({ code: 1 });
    await t.clock.advance(0);
    const result = started.result();
    if (result?.ok !== false) throw new Error('start should have failed');
    expect(result.error.envelope).toMatchObject({
      step: 'wait for /_ping',
      engineMessage: 'failed to start daemon: pid file found',
    });
    expect(result.error.message).toContain('exit code 1');
    expect(t.clock.now() - 1_700_000_000_000).toBeLessThan(100);
  });

  it('returns the same outcome to a second start() and resolves at once when running', async () => {
    const t = setup();
    const a = outcome(t.sup.start());
    const b = outcome(t.sup.start());
    await t.clock.until(() => t.sup.state === 'running');
    expect([a.result(), b.result()]).toEqual([{ ok: true }, { ok: true }]);
    await expect(t.sup.start()).resolves.toBeUndefined();
    expect(t.driver.stepRuns.filter((s) => s === 'spawn dockerd')).toHaveLength(1);
  });
});

describe('EngineSupervisor crashes', () => {
  it('restarts a crashed engine after 0.5 s, 1 s, 2 s of backoff', async () => {
    const t = setup();
    await t.run();
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      t.driver.exit({ signal: 'SIGKILL' });
      const crashedAt = t.clock.now();
      await t.clock.until(() => t.driver.stepRuns.length > 3 * (i + 1));
      delays.push(t.clock.now() - crashedAt);
      await t.clock.until(() => t.sup.state === 'running');
    }
    expect(delays).toEqual([500, 1000, 2000]);
    const crash = t.sup.status().history.find((e) => e.message.includes('unexpectedly'));
    expect(crash?.message).toContain('killed by SIGKILL');
    expect(crash?.message).toContain('restarting in 0.5 s');
  });

  it('goes to error after 5 crashes within a minute, quoting the last log lines', async () => {
    const t = setup();
    await t.run();
    for (let i = 1; i <= 60; i++) t.driver.log(`line ${i}`);
    await crashLoop(t, 5);
    const status = t.sup.status();
    expect(status.state).toBe('error');
    expect(status.error?.message).toContain('failed 5 times within 60 s');
    expect(status.error?.message).toContain('line 60');
    expect(status.error?.hint).toContain('press Start');
    expect(status.lastLogLines).toHaveLength(50);
    expect(status.lastLogLines.at(-1)).toBe('line 60');
    expect(t.driver.stepRuns.filter((s) => s === 'spawn dockerd')).toHaveLength(5);
  });

  it('does not give up when crashes are spread wider than the window', async () => {
    const t = setup();
    await t.run();
    for (let i = 0; i < 8; i++) {
      t.driver.exit();
      await t.clock.until(() => t.sup.state === 'running');
      await t.clock.advance(61_000);
    }
    expect(t.sup.state).toBe('running');
  });

  it('counts a failed restart as a crash and waits longer before the next', async () => {
    const t = setup();
    await t.run();
    t.driver.behave('spawn dockerd', 'fail');
    t.driver.exit();
    await t.clock.until(() => t.changes.includes('starting --retry--> starting'));
    const retry = t.sup.status().history.find((e) => e.message.startsWith('Restart failed'));
    expect(retry?.message).toContain('"spawn dockerd"');
    expect(retry?.message).toContain('restarting in 1 s');
    t.driver.behave('spawn dockerd', 'ok');
    await t.clock.until(() => t.sup.state === 'running');
  });

  it('gives up when restarts keep failing, naming the failing step', async () => {
    const t = setup();
    await t.run();
    t.driver.behave('wait for /_ping', 'fail');
    t.driver.exit();
    await t.clock.until(() => t.sup.state === 'error');
    expect(t.sup.status().error?.step).toBe('wait for /_ping');
    expect(t.driver.running).toBe(false);
  });

  it('recovers from error with start() and a fresh crash budget', async () => {
    const t = setup();
    await t.run();
    await crashLoop(t, 5);
    expect(t.sup.state).toBe('error');
    await t.run();
    expect(t.sup.status().error).toBeUndefined();
    t.driver.exit();
    await t.clock.until(() => t.sup.state === 'running');
    const last = t.sup.status().history.findLast((e) => e.message.includes('unexpectedly'));
    expect(last?.message).toContain('restarting in 0.5 s');
  });

  it('keeps a bounded history that still shows a crash and restart taking 200 ms', async () => {
    const t = setup({ historyLimit: 20, backoff: { initialMs: 100, factor: 2, maxMs: 1000 } });
    for (let i = 0; i < 5; i++) {
      await t.run();
      await t.sup.stop().catch((error: unknown) => {
        throw error;
      });
    }
    await t.run();
    t.driver.behave('spawn dockerd', async () => {
      await new Promise<void>((resolve) => t.clock.setTimeout(resolve, 100));
      t.driver.running = true;
      t.driver.pid += 1;
    });
    const crashedAt = t.clock.now();
    t.driver.exit({ signal: 'SIGKILL' });
    await t.clock.until(() => t.sup.state === 'running');
    expect(t.clock.now() - crashedAt).toBe(200);
    const history = t.sup.status().history;
    expect(history).toHaveLength(20);
    const messages = history.map((e) => `${e.state}: ${e.message}`);
    const crash = messages.findIndex((m) => m.includes('killed by SIGKILL'));
    expect(crash).toBeGreaterThanOrEqual(0);
    expect(messages.slice(crash)).toEqual([
      expect.stringMatching(
        /^starting: Engine process \d+ ended \(killed by SIGKILL\) unexpectedly/,
      ),
      'starting: wait before restart…',
      'starting: prepare folders…',
      'starting: spawn dockerd…',
      'starting: wait for /_ping…',
      expect.stringMatching(/^running: Engine is running/),
    ]);
    expect(history.every((e, i) => i === 0 || e.at >= (history[i - 1]?.at ?? 0))).toBe(true);
  });
});

describe('EngineSupervisor stopping', () => {
  it('stops with SIGTERM alone when the engine exits in time, and cleans up', async () => {
    const t = setup();
    await t.run();
    await t.sup.stop();
    expect(t.driver.signals).toEqual(['SIGTERM']);
    expect(t.driver.cleanups).toBe(1);
    expect(t.sup.status()).toMatchObject({ state: 'stopped' });
    expect(t.sup.status().step).toBeUndefined();
  });

  it('sends SIGKILL when the engine ignores SIGTERM for the grace period', async () => {
    const t = setup({ stopGraceMs: 3_000 });
    await t.run();
    t.driver.onSigterm = 'ignore';
    const stopped = outcome(t.sup.stop());
    await t.clock.advance(2_999);
    expect(t.driver.signals).toEqual(['SIGTERM']);
    expect(t.sup.status().step).toBe('stop engine (SIGTERM)');
    await t.clock.advance(1);
    expect(t.driver.signals).toEqual(['SIGTERM', 'SIGKILL']);
    expect(stopped.result()).toEqual({ ok: true });
    expect(t.sup.state).toBe('stopped');
  });

  it('ends in error naming the kill step when the engine survives SIGKILL', async () => {
    const t = setup();
    await t.run();
    t.driver.onSigterm = 'ignore';
    t.driver.onSigkill = 'ignore';
    const stopped = outcome(t.sup.stop());
    await t.clock.until(() => stopped.result() !== undefined);
    expect(t.sup.status().error).toMatchObject({ step: 'kill engine (SIGKILL)' });
    expect(stopped.result()?.ok).toBe(false);
  });

  it('cancels a start in progress: start() rejects as cancelled and the spawned engine is stopped', async () => {
    const t = setup();
    t.driver.behave('wait for /_ping', 'hang');
    const started = outcome(t.sup.start());
    await t.clock.advance(10);
    expect(t.driver.running).toBe(true);
    await t.sup.stop();
    const result = started.result();
    if (result?.ok !== false) throw new Error('start should have been cancelled');
    expect(result.error.envelope.kind).toBe('cancelled');
    expect(t.driver.running).toBe(false);
    expect(t.sup.state).toBe('stopped');
    expect(t.sup.status().error).toBeUndefined();
  });

  it('cancels a pending restart when stopped during the backoff pause', async () => {
    const t = setup();
    await t.run();
    t.driver.exit();
    await t.clock.advance(100);
    expect(t.sup.status().step).toBe('wait before restart');
    await t.sup.stop();
    await t.clock.advance(60_000);
    expect(t.sup.state).toBe('stopped');
    expect(t.driver.stepRuns.filter((s) => s === 'spawn dockerd')).toHaveLength(1);
  });

  it('clears an error on stop()', async () => {
    const t = setup();
    t.driver.behave('prepare folders', 'fail');
    const started = outcome(t.sup.start());
    await t.clock.until(() => started.result() !== undefined);
    await t.sup.stop();
    expect(t.sup.status().error).toBeUndefined();
    expect(t.sup.state).toBe('stopped');
  });

  it('restart() stops then starts again', async () => {
    const t = setup();
    await t.run();
    const restarted = outcome(t.sup.restart());
    await t.clock.until(() => restarted.result() !== undefined);
    expect(restarted.result()).toEqual({ ok: true });
    expect(t.changes.slice(-4)).toEqual([
      'running --stop--> stopping',
      'stopping --stopped--> stopped',
      'stopped --start--> starting',
      'starting --ready--> running',
    ]);
  });

  it('start() during a stop waits for it, then starts', async () => {
    const t = setup({ stopGraceMs: 1_000 });
    await t.run();
    t.driver.onSigterm = 'ignore';
    outcome(t.sup.stop());
    const started = outcome(t.sup.start());
    await t.clock.until(() => started.result() !== undefined);
    expect(started.result()).toEqual({ ok: true });
    expect(t.changes.slice(-3)).toEqual([
      'stopping --stopped--> stopped',
      'stopped --start--> starting',
      'starting --ready--> running',
    ]);
  });

  it('dispose() leaves the engine running and stops listening to it', async () => {
    const t = setup();
    await t.run();
    t.sup.dispose();
    t.driver.exit();
    await t.clock.advance(60_000);
    expect(t.driver.disposed).toBe(true);
    expect(t.driver.signals).toEqual([]);
    expect(t.sup.state).toBe('running');
  });
});

describe('EngineSupervisor status and logs', () => {
  it('emits a status on every state change and step', async () => {
    const t = setup();
    await t.run();
    const seen = t.statuses.map((s) => `${s.state}${s.step ? `/${s.step}` : ''}`);
    expect(seen).toEqual([
      'starting',
      'starting/prepare folders',
      'starting/spawn dockerd',
      'starting/wait for /_ping',
      'running',
    ]);
  });

  it('forwards every log line, keeps the last 50 and coalesces their status updates', async () => {
    const t = setup();
    const lines: string[] = [];
    t.sup.onLogLine((line) => lines.push(line));
    const before = t.statuses.length;
    for (let i = 1; i <= 120; i++) t.driver.log(`line ${i}`);
    expect(t.statuses.length).toBe(before);
    await t.clock.advance(50);
    expect(t.statuses.length).toBe(before + 1);
    expect(lines).toHaveLength(120);
    expect(t.statuses.at(-1)?.lastLogLines).toHaveLength(50);
    expect(t.statuses.at(-1)?.lastLogLines[0]).toBe('line 71');
  });

  it('logs a throwing listener with context and keeps notifying the others', async () => {
    const t = setup();
    const other = vi.fn();
    t.sup.onStatus(() => {
      throw new Error('listener broke');
    });
    t.sup.onStatus(other);
    await t.run();
    expect(other).toHaveBeenCalled();
    expect(t.logger.error).toHaveBeenCalledWith(
      '[engine supervisor] status listener failed',
      expect.any(Error),
    );
  });

  it('hands out copies, so a listener cannot change the supervisor’s history', async () => {
    const t = setup();
    await t.run();
    const status = t.sup.status();
    status.history.length = 0;
    status.lastLogLines.push('forged');
    expect(t.sup.status().history.length).toBeGreaterThan(0);
    expect(t.sup.status().lastLogLines).not.toContain('forged');
  });
});
