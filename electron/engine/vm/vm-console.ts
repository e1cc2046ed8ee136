// The VM's serial console as the host reads it: a file QEMU writes
// (`console.log`, the previous boot's kept beside it), followed line by line,
// each line fed to what reads the guest's words: its step markers
// (GuestProgress), its data disk's use (GuestDiskWatch), the last line said
// (a timed-out step quotes it) and the driver's log listeners.
import { rename, writeFile } from 'node:fs/promises';
import type { Clock } from '../clock.ts';
import type { Unsubscribe } from '../engine-driver.ts';
import { Listeners } from '../listeners.ts';
import { LogTail } from '../log-tail.ts';
import { GuestDiskWatch } from './guest-disk.ts';
import { GuestProgress } from './guest-progress.ts';
import type { VmLayout } from './vm-layout.ts';

export class VmConsole {
  readonly guest = new GuestProgress();
  /** The data disk's use as the guest's file system counts it. */
  readonly disk = new GuestDiskWatch();
  readonly #lines: Listeners<string>;
  readonly #layout: VmLayout;
  readonly #clock: Clock;
  readonly #logger: Pick<Console, 'error'>;
  #tail: LogTail | null = null;
  #lastLine: string | undefined;

  constructor(opts: { layout: VmLayout; clock: Clock; logger: Pick<Console, 'error'> }) {
    this.#layout = opts.layout;
    this.#clock = opts.clock;
    this.#logger = opts.logger;
    this.#lines = new Listeners<string>((error) =>
      opts.logger.error('[vm] a log listener failed', error),
    );
  }

  /** The console's last line with words in it, since this boot began. */
  get lastLine(): string | undefined {
    return this.#lastLine;
  }

  /** A new boot: the last console becomes the previous one, and what was read is forgotten. */
  async beginBoot(): Promise<void> {
    await rename(this.#layout.consoleLog, this.#layout.previousConsoleLog).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      },
    );
    await writeFile(this.#layout.consoleLog, '');
    this.guest.reset();
    this.disk.reset();
    this.#lastLine = undefined;
    await this.follow({});
  }

  /** Follows the console file from its start, or its last bytes (a VM adopted mid-run). */
  async follow(from: { lastBytes?: number }): Promise<void> {
    this.#tail?.stop();
    const tail = new LogTail(this.#layout.consoleLog, {
      clock: this.#clock,
      intervalMs: 100,
      onLine: (line) => {
        const clean = line.replace(/\r$/, '');
        if (clean.trim()) this.#lastLine = clean.trim().slice(0, 500);
        this.guest.line(clean);
        this.disk.line(clean);
        this.#lines.emit(clean);
      },
      onError: (error) => this.#logger.error('[vm console]', error),
    });
    this.#tail = tail;
    await tail.start(from);
  }

  /** Reads what QEMU wrote before it ended, so its last words reach the listeners. */
  drain(): Promise<void> {
    return this.#tail?.drain() ?? Promise.resolve();
  }

  stop(): void {
    this.#tail?.stop();
  }

  /** A line of the host's own (`[berth] …`) among the console's, for the same listeners. */
  say(line: string): void {
    this.#lines.emit(line);
  }

  onLine(listener: (line: string) => void): Unsubscribe {
    return this.#lines.add(listener);
  }

  dispose(): void {
    this.stop();
    this.#lines.clear();
  }
}
