// Reads the guest's console markers (guest-contract.ts) as the boot goes:
// each start step waits for its marker; an `error:` marker fails whichever
// step is waiting, in the guest's own words.
import { consoleMarker, initStartedMarker } from './guest-contract.ts';

export type GuestMarker =
  | 'init started'
  | 'modules loaded'
  | 'network up'
  | 'data disk mounted'
  | 'shares mounted'
  | 'dockerd starting'
  | 'ready';

export class GuestError extends Error {}

/** The marker a console line carries, or its error words, or nothing. */
export function parseConsoleLine(line: string): { marker: string } | { error: string } | null {
  // The serial line may carry a carriage return or a kernel prefix before the marker.
  const at = line.indexOf(consoleMarker);
  if (at < 0) return null;
  const rest = line
    .slice(at + consoleMarker.length)
    .replace(/\r$/, '')
    .trim();
  if (rest.startsWith('error:')) return { error: rest.slice('error:'.length).trim() };
  return { marker: rest };
}

export class GuestProgress {
  readonly #seen = new Set<string>();
  #error: string | null = null;
  readonly #waiters = new Set<() => void>();

  /** Forgets the last boot (a new QEMU is starting). */
  reset(): void {
    this.#seen.clear();
    this.#error = null;
    this.#wake();
  }

  /** Feeds one console line. */
  line(line: string): void {
    const parsed = parseConsoleLine(line);
    if (!parsed) return;
    if ('error' in parsed) this.#error ??= parsed.error;
    else this.#seen.add(parsed.marker);
    this.#wake();
  }

  get error(): string | null {
    return this.#error;
  }

  has(marker: GuestMarker): boolean {
    return this.#seen.has(marker);
  }

  /** Resolves once `marker` was seen; rejects with the guest's error words, or when aborted. */
  waitFor(marker: GuestMarker, signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (this.#error !== null) {
          reject(new GuestError(this.#error));
          return true;
        }
        if (this.#seen.has(marker)) {
          resolve();
          return true;
        }
        return false;
      };
      if (check()) return;
      const onAbort = () => {
        this.#waiters.delete(waiter);
        reject(signal.reason);
      };
      const waiter = () => {
        if (check()) {
          this.#waiters.delete(waiter);
          signal.removeEventListener('abort', onAbort);
        }
      };
      this.#waiters.add(waiter);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  #wake(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }
}

export const kernelStartedLine = initStartedMarker;
