// The speed of a pull or push, in bytes per second over the last few seconds:
// an average over the whole transfer would hide a stall, and the gap between
// two progress lines is too short to mean anything.

export interface RateWindow {
  /** Bytes moved so far, at a time in ms; oldest first. */
  readonly samples: readonly { at: number; bytes: number }[];
}

export const RATE_SPAN_MS = 3_000;
/** Less than this between the oldest and newest sample says nothing yet. */
const MIN_SPAN_MS = 250;

export function emptyRate(): RateWindow {
  return { samples: [] };
}

/**
 * Adds `bytes` (the running total) at `at`, keeping one sample older than the
 * span as the baseline, so the window always covers the whole span.
 */
export function sampleRate(window: RateWindow, at: number, bytes: number): RateWindow {
  const samples = [...window.samples, { at, bytes }];
  const cutoff = at - RATE_SPAN_MS;
  let first = 0;
  while (first + 1 < samples.length && samples[first + 1]!.at <= cutoff) first++;
  return { samples: samples.slice(first) };
}

/** Bytes per second over the window, or undefined while it is too short to say. */
export function rateOf(window: RateWindow): number | undefined {
  const first = window.samples[0];
  const last = window.samples.at(-1);
  if (!first || !last || last.at - first.at < MIN_SPAN_MS) return undefined;
  return Math.max(0, ((last.bytes - first.bytes) * 1000) / (last.at - first.at));
}
