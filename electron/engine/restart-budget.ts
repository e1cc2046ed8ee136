// Crash accounting shared by a dead engine, a hung one and a failed restart:
// each failure is counted in the crash window, and the answer is either the
// pause before the next try or, once the budget is spent, the error to end in.
// The supervisor makes the transition; this only counts and words the outcome.

import type { ErrorEnvelope } from '../contract/errors.ts';
import { backoffDelay, CrashCounter, type BackoffPolicy, type CrashBudget } from './backoff.ts';
import { formatSeconds } from './steps.ts';

type RestartDecision =
  | { giveUp: false; delayMs: number; note: string }
  | { giveUp: true; error: ErrorEnvelope; note: string };

interface FailureReport {
  /** What happened, for the history ("Engine process 12 ended (exit code 1) unexpectedly"). */
  what: string;
  /** The failed step's own error, when a step failed. */
  cause: ErrorEnvelope | undefined;
  /** The engine's last log line, quoted when giving up. */
  lastWords: string | undefined;
}

export class RestartBudget {
  readonly #backoff: BackoffPolicy;
  readonly #budget: CrashBudget;
  readonly #crashes: CrashCounter;

  constructor(backoff: BackoffPolicy, budget: CrashBudget) {
    this.#backoff = backoff;
    this.#budget = budget;
    this.#crashes = new CrashCounter(budget);
  }

  /** Counts a failure at `now` and says whether, and after how long, to try again. */
  next(now: number, failure: FailureReport): RestartDecision {
    const count = this.#crashes.record(now);
    const window = formatSeconds(this.#budget.windowMs);
    if (this.#crashes.exhausted(count)) {
      const { what, cause, lastWords } = failure;
      const error: ErrorEnvelope = {
        kind: 'internal',
        message:
          `The engine failed ${count} times within ${window}, so Berth stopped restarting it. ` +
          `Last failure: ${cause?.message ?? what}.` +
          (lastWords ? ` Its last log line: ${lastWords}` : ''),
        hint: 'Read the engine log for the cause, then press Start to try again.',
      };
      if (cause?.step) error.step = cause.step;
      return { giveUp: true, error, note: `giving up after ${count} failures in ${window}` };
    }
    const delayMs = backoffDelay(this.#backoff, count - 1);
    return {
      giveUp: false,
      delayMs,
      note: `restarting in ${formatSeconds(delayMs)} (failure ${count} of ${this.#budget.maxCrashes} allowed within ${window})`,
    };
  }

  /** A start the user asked for, or a clean stop, begins a fresh budget. */
  reset(): void {
    this.#crashes.reset();
  }
}
