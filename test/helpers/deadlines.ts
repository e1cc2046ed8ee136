// How long engine-backed and end-to-end tests wait for a condition before they
// fail. CI and developer machines have 2 cores shared by a real engine,
// Chromium, the app and often other work: a step that takes 0.3 s alone has
// been seen to take over 15 s there. A passing run never waits these out (every
// wait ends as soon as its condition holds); they only bound how long a broken
// run takes to say what it was waiting for.

/** The app or its page follows a change: an event, a delta, a render, a stream or connection closing. */
export const FOLLOW_MS = 30_000;

/** One step of real work: the app or its engine (re)starting, a container starting or stopping. */
export const ENGINE_MS = 60_000;

/**
 * A test's own timeout, for a test that waits on these deadlines one after the
 * other: their sum, plus a minute for the quick steps between them. A wait that
 * runs out then fails with its own message, never with vitest's bare timeout.
 */
export function testTimeout(...deadlinesMs: number[]): number {
  return deadlinesMs.reduce((sum, ms) => sum + ms, 0) + 60_000;
}
