// Runs one engine step under its deadline, like Rancher Desktop's
// progressTracker: whatever goes wrong inside, the error that comes out names
// the step, so "timed out" never arrives without saying what timed out.

import { ContractError, type ErrorEnvelope } from '../contract/errors.ts';
import type { Clock } from './clock.ts';
import type { EngineStep } from './engine-driver.ts';

/** 500 → "0.5 s", 20000 → "20 s": how durations read in history and errors. */
export function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

/** Adds the step's name to an error from inside it, keeping the driver's own words and hint. */
export function stepError(step: string, cause: unknown): ContractError {
  if (cause instanceof ContractError) {
    if (cause.envelope.step) return cause;
    return new ContractError({ ...cause.envelope, step });
  }
  const message = cause instanceof Error ? cause.message : String(cause);
  const envelope: ErrorEnvelope = {
    kind: 'internal',
    message: `Engine step "${step}" failed: ${message}`,
    step,
  };
  return new ContractError(envelope);
}

function stepTimeoutError(step: EngineStep): ContractError {
  const said = step.lastWords?.()?.trim();
  return new ContractError({
    kind: 'timeout',
    message:
      `Engine step "${step.name}" did not finish within ${formatSeconds(step.timeoutMs)}.` +
      (said ? ` Its last words: ${said}` : ''),
    step: step.name,
    hint: 'Read the engine log for what it was waiting on, then press Start to try again.',
  });
}

/**
 * Runs `step` with a timeout on `clock`. Aborting `parent` aborts the step with
 * the parent's reason; a timeout aborts the step with a timeout error. Both
 * reject at once rather than waiting for a step that ignores its signal.
 */
export function runStep(
  step: EngineStep,
  clock: Clock,
  parent: AbortSignal,
): Promise<string | void> {
  const controller = new AbortController();
  return new Promise<string | void>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clock.clearTimeout(timer);
      parent.removeEventListener('abort', onParentAbort);
      fn();
    };
    const onParentAbort = (): void => {
      const error = stepError(step.name, parent.reason);
      controller.abort(error);
      finish(() => reject(error));
    };
    const timer = clock.setTimeout(() => {
      const error = stepTimeoutError(step);
      controller.abort(error);
      finish(() => reject(error));
    }, step.timeoutMs);
    if (parent.aborted) {
      onParentAbort();
      return;
    }
    parent.addEventListener('abort', onParentAbort, { once: true });
    step.run(controller.signal).then(
      (note) => finish(() => resolve(note)),
      (error: unknown) => finish(() => reject(stepError(step.name, error))),
    );
  });
}
