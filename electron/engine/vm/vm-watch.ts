// Watching a VM that is not the driver's child, and the host's sleep: an
// adopted QEMU gives no exit event (its parent was the killed app), so /proc
// is polled; a wake from sleep re-probes the engine at once; a QEMU found
// after Stop was asked for is powered off instead of adopted.
import type { Clock, TimerHandle } from '../clock.ts';
import type { EnginePing } from '../engine-driver.ts';
import { isProcessLive, signalProcess } from '../processes.ts';
import type { QmpClient } from './qmp.ts';
import { watchForWake } from './wake-watch.ts';

/** Polls until `pid` is gone, then calls `onGone` once; returns a stop function. */
export function watchPid(
  pid: number,
  opts: { clock: Clock; onGone: () => void; logger: Pick<Console, 'error'> },
): () => void {
  let timer: TimerHandle | null = null;
  let stopped = false;
  const again = () => {
    if (!stopped) timer = opts.clock.setTimeout(check, 500);
  };
  const check = (): void => {
    timer = null;
    isProcessLive(pid).then(
      (live) => {
        if (stopped) return;
        if (live) again();
        else opts.onGone();
      },
      (error: unknown) => {
        opts.logger.error(`[vm] checking adopted QEMU ${pid} failed`, error);
        again();
      },
    );
  };
  again();
  return () => {
    stopped = true;
    if (timer !== null) opts.clock.clearTimeout(timer);
  };
}

/** After a wake from sleep: a note in the log, a ping, and its answer in the log. */
export function probeOnWake(opts: {
  ping: (o: { timeoutMs: number; signal: AbortSignal }) => Promise<EnginePing>;
  say: (line: string) => void;
  logger: Pick<Console, 'error'>;
}): () => void {
  return watchForWake({
    onWake: (jump) => {
      opts.say(
        `[berth] the host's clock jumped ${Math.round(jump / 1000)} s (the machine slept?); re-probing the engine, and the guest resets its clock within 30 s`,
      );
      opts.ping({ timeoutMs: 5_000, signal: new AbortController().signal }).then(
        (answer) =>
          opts.say(
            answer.ok
              ? '[berth] the engine answers after the wake'
              : `[berth] no answer after the wake: ${answer.reason}`,
          ),
        (error: unknown) => opts.logger.error('[vm] probe after wake failed', error),
      );
    },
  });
}

/** The power button, then SIGKILL if QEMU is still there after 30 s. */
export function powerOff(
  pid: number,
  qmp: QmpClient,
  opts: { clock: Clock; logger: Pick<Console, 'error'> },
): void {
  const kill = opts.clock.setTimeout(() => {
    signalProcess(pid, 'SIGKILL');
    qmp.close();
  }, 30_000);
  qmp.onClose(() => opts.clock.clearTimeout(kill));
  qmp.execute('system_powerdown').catch((error: unknown) => {
    opts.logger.error(`[vm] powering off QEMU ${pid} failed; killing it`, error);
    signalProcess(pid, 'SIGKILL');
  });
}
