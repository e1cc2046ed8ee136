// Restart policy for a crashing engine: exponential delays, and a crash budget
// per time window so a daemon that dies on every start ends in `error` with its
// log on screen instead of restarting forever.

export interface BackoffPolicy {
  /** Delay before the first restart. */
  initialMs: number;
  factor: number;
  maxMs: number;
}

export interface CrashBudget {
  /** This many crashes within `windowMs` means give up. */
  maxCrashes: number;
  windowMs: number;
}

export const defaultBackoff: BackoffPolicy = { initialMs: 500, factor: 2, maxMs: 10_000 };
export const defaultCrashBudget: CrashBudget = { maxCrashes: 5, windowMs: 60_000 };

/** Delay before restart number `attempt` (0-based): 0.5 s, 1 s, 2 s, ... capped. */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  const raw = policy.initialMs * policy.factor ** Math.max(0, attempt);
  return Math.min(policy.maxMs, raw);
}

/**
 * Remembers recent crash times. Counting within a window (rather than since
 * start) lets an engine that ran fine for an hour crash once without inheriting
 * the long delays of an old crash loop.
 */
export class CrashCounter {
  readonly #budget: CrashBudget;
  #times: number[] = [];

  constructor(budget: CrashBudget) {
    this.#budget = budget;
  }

  /** Records a crash at `now`; returns how many crashes fall inside the window. */
  record(now: number): number {
    this.#times = this.#times.filter((t) => now - t < this.#budget.windowMs);
    this.#times.push(now);
    return this.#times.length;
  }

  exhausted(count: number): boolean {
    return count >= this.#budget.maxCrashes;
  }

  reset(): void {
    this.#times = [];
  }
}
