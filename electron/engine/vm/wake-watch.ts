// Notices the host waking from sleep: the wall clock jumps ahead of the
// monotonic one (which stops while the machine sleeps on most hosts). The
// driver then pings the engine at once rather than waiting for the next
// health check; the guest sets its own clock from the RTC within 30 s.

/** How far the wall clock ran ahead of the monotonic clock between two looks, in ms. */
export function wallClockJump(
  before: { wall: number; mono: number },
  after: { wall: number; mono: number },
): number {
  return after.wall - before.wall - (after.mono - before.mono);
}

export function watchForWake(opts: {
  onWake: (jumpMs: number) => void;
  intervalMs?: number;
  thresholdMs?: number;
}): () => void {
  const threshold = opts.thresholdMs ?? 10_000;
  let last = { wall: Date.now(), mono: performance.now() };
  const timer = setInterval(() => {
    const now = { wall: Date.now(), mono: performance.now() };
    const jump = wallClockJump(last, now);
    last = now;
    if (Math.abs(jump) >= threshold) opts.onWake(jump);
  }, opts.intervalMs ?? 5_000);
  timer.unref();
  return () => clearInterval(timer);
}
