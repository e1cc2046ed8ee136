// The data disk's use as the guest reports it on the console (guest-contract.ts,
// diskUseMarker): the last report of the running VM, and whether it means full.
import { dataDiskFullBelowBytes, diskUseMarker } from './guest-contract.ts';

export interface GuestDiskUse {
  usedBytes: number;
  sizeBytes: number;
  availableBytes: number;
}

/** The figures a console line carries, or null when it carries none (or garbled ones). */
export function parseDiskUseLine(line: string): GuestDiskUse | null {
  const at = line.indexOf(diskUseMarker);
  if (at < 0) return null;
  const words = line
    .slice(at + diskUseMarker.length)
    .trim()
    .split(/\s+/);
  if (words.length < 2 || words.length > 3 || !words.every((w) => /^\d{1,18}$/.test(w))) {
    return null;
  }
  const [usedBytes, sizeBytes, available] = words.map(Number) as [number, number, number?];
  if (sizeBytes <= 0 || usedBytes > sizeBytes) return null;
  return { usedBytes, sizeBytes, availableBytes: available ?? sizeBytes - usedBytes };
}

/** Full: too little room left for a pull, a build or a new container (see dataDiskFullBelowBytes). */
export function isDataDiskFull(use: GuestDiskUse): boolean {
  return use.availableBytes < dataDiskFullBelowBytes;
}

/** The last report of the VM that runs now; forgotten when a new one boots. */
export class GuestDiskWatch {
  #use: GuestDiskUse | null = null;
  readonly #listeners = new Set<() => void>();

  get use(): GuestDiskUse | null {
    return this.#use;
  }

  /** Feeds one console line; tells the listeners when the figures changed. */
  line(line: string): void {
    const use = parseDiskUseLine(line);
    if (!use) return;
    const was = this.#use;
    this.#use = use;
    if (
      !was ||
      was.usedBytes !== use.usedBytes ||
      was.sizeBytes !== use.sizeBytes ||
      was.availableBytes !== use.availableBytes
    ) {
      this.#tell();
    }
  }

  reset(): void {
    if (this.#use === null) return;
    this.#use = null;
    this.#tell();
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #tell(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
