import { describe, expect, it } from 'vitest';
import { ContractError } from '../contract/errors.ts';
import { FakeClock } from './fake-clock.testkit.ts';
import { formatSeconds, runStep, stepError } from './steps.ts';

const never = new AbortController().signal;

describe('runStep', () => {
  it('resolves with the step’s note', async () => {
    const clock = new FakeClock();
    const note = await runStep({ name: 'a', timeoutMs: 10, run: async () => 'done' }, clock, never);
    expect(note).toBe('done');
    expect(clock.pendingTimers).toBe(0);
  });

  it('times out naming the step, and aborts the step’s signal', async () => {
    const clock = new FakeClock();
    let stepSignal: AbortSignal | undefined;
    const result = runStep(
      {
        name: 'create bridge',
        timeoutMs: 1500,
        run: (signal) => {
          stepSignal = signal;
          return new Promise(() => undefined);
        },
      },
      clock,
      never,
    ).catch((error: ContractError) => error);
    await clock.advance(1500);
    const error = await result;
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).envelope).toMatchObject({
      kind: 'timeout',
      step: 'create bridge',
      message: 'Engine step "create bridge" did not finish within 1.5 s.',
    });
    expect(stepSignal?.aborted).toBe(true);
  });

  it('names what the engine last said in a timeout, so a hung step says where it hung', async () => {
    const clock = new FakeClock();
    let said = 'dockerd starting';
    const result = runStep(
      {
        name: 'start dockerd',
        timeoutMs: 180_000,
        run: () => new Promise(() => undefined),
        lastWords: () => said,
      },
      clock,
      never,
    ).catch((error: ContractError) => error);
    said = 'dockerd not serving yet after 165 s; its last line: msg="Loading containers: start."\n';
    await clock.advance(180_000);
    expect(((await result) as ContractError).envelope.message).toBe(
      'Engine step "start dockerd" did not finish within 180 s. Its last words: dockerd not serving yet after 165 s; its last line: msg="Loading containers: start."',
    );
  });

  it('rejects at once with the parent’s reason when the parent aborts', async () => {
    const clock = new FakeClock();
    const parent = new AbortController();
    const result = runStep(
      { name: 'spawn dockerd', timeoutMs: 1000, run: () => new Promise(() => undefined) },
      clock,
      parent.signal,
    ).catch((error: ContractError) => error);
    parent.abort(new ContractError({ kind: 'cancelled', message: 'stop requested' }));
    const error = (await result) as ContractError;
    expect(error.envelope).toEqual({
      kind: 'cancelled',
      message: 'stop requested',
      step: 'spawn dockerd',
    });
  });
});

describe('stepError', () => {
  it('wraps a plain error with the step name in its message', () => {
    expect(stepError('prepare folders', new Error('EACCES')).envelope).toEqual({
      kind: 'internal',
      message: 'Engine step "prepare folders" failed: EACCES',
      step: 'prepare folders',
    });
  });

  it('keeps an inner step name rather than overwriting it', () => {
    const inner = new ContractError({
      kind: 'timeout',
      message: 'x',
      step: 'kill engine (SIGKILL)',
    });
    expect(stepError('stop', inner).envelope.step).toBe('kill engine (SIGKILL)');
  });
});

describe('formatSeconds', () => {
  it('writes whole and fractional seconds', () => {
    expect([formatSeconds(500), formatSeconds(20_000), formatSeconds(1500)]).toEqual([
      '0.5 s',
      '20 s',
      '1.5 s',
    ]);
  });
});
