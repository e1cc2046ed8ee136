import { describe, expect, it } from 'vitest';
import { RestartBudget } from './restart-budget.ts';

const crash = { what: 'Engine process 7 ended (exit code 1) unexpectedly', cause: undefined };

function budget(): RestartBudget {
  return new RestartBudget(
    { initialMs: 500, factor: 2, maxMs: 10_000 },
    { maxCrashes: 3, windowMs: 60_000 },
  );
}

describe('RestartBudget', () => {
  it('backs off longer after each failure inside the window and says how many remain', () => {
    const b = budget();
    const first = b.next(0, { ...crash, lastWords: undefined });
    const second = b.next(1_000, { ...crash, lastWords: undefined });
    expect([first, second]).toEqual([
      {
        giveUp: false,
        delayMs: 500,
        note: 'restarting in 0.5 s (failure 1 of 3 allowed within 60 s)',
      },
      {
        giveUp: false,
        delayMs: 1000,
        note: 'restarting in 1 s (failure 2 of 3 allowed within 60 s)',
      },
    ]);
  });

  it('gives up on the last allowed failure, keeping the failed step and the last log line', () => {
    const b = budget();
    b.next(0, { ...crash, lastWords: undefined });
    b.next(1_000, { ...crash, lastWords: undefined });
    const cause = { kind: 'timeout' as const, message: 'ping timed out', step: 'wait for /_ping' };
    const last = b.next(2_000, { what: 'Restart failed', cause, lastWords: 'no space left' });
    expect(last).toEqual({
      giveUp: true,
      note: 'giving up after 3 failures in 60 s',
      error: {
        kind: 'internal',
        message:
          'The engine failed 3 times within 60 s, so Berth stopped restarting it. ' +
          'Last failure: ping timed out. Its last log line: no space left',
        hint: 'Read the engine log for the cause, then press Start to try again.',
        step: 'wait for /_ping',
      },
    });
  });

  it('forgets failures older than the window, and all of them on reset', () => {
    const b = budget();
    b.next(0, { ...crash, lastWords: undefined });
    b.next(1_000, { ...crash, lastWords: undefined });
    expect(b.next(60_000, { ...crash, lastWords: undefined })).toMatchObject({ delayMs: 1000 });
    b.reset();
    expect(b.next(60_001, { ...crash, lastWords: undefined })).toMatchObject({ delayMs: 500 });
  });
});
