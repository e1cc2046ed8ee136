// The VM's resource fields as typed (text, units) and what Save sends. The
// contract's schema checks the same bounds on the way in; checking here first
// says which field is wrong, in words, before anything is sent. The disk only
// grows (shrinking an ext4 data disk would lose what is on it), so a smaller
// size is refused here rather than by a failed start.
import { vmResourceLimits, type VmResources } from '../../../../electron/contract/vm-channels.ts';

export type MemoryUnit = 'MiB' | 'GiB';

export interface VmResourcesDraft {
  cpus: string;
  memory: string;
  memoryUnit: MemoryUnit;
  diskGiB: string;
}

export type VmResourceField = 'cpus' | 'memory' | 'diskGiB';

export type DraftCheck =
  | { ok: true; resources: VmResources }
  | { ok: false; errors: Partial<Record<VmResourceField, string>> };

/** The fields for saved resources: memory in GiB when it is whole GiB, as people say it. */
export function draftOf(resources: VmResources): VmResourcesDraft {
  const wholeGiB = resources.memoryMiB % 1024 === 0;
  return {
    cpus: String(resources.cpus),
    memory: String(wholeGiB ? resources.memoryMiB / 1024 : resources.memoryMiB),
    memoryUnit: wholeGiB ? 'GiB' : 'MiB',
    diskGiB: String(resources.diskGiB),
  };
}

/**
 * The smallest disk size allowed: the data disk as it is on the host (or, before
 * it is there, as the running VM was given it). Settings not yet applied may go
 * down again, as long as they stay at least that.
 */
export function smallestDiskGiB(sizes: { running?: VmResources; diskBytes?: number }): number {
  const now =
    sizes.diskBytes !== undefined
      ? Math.ceil(sizes.diskBytes / 1024 ** 3)
      : (sizes.running?.diskGiB ?? 0);
  return Math.max(vmResourceLimits.diskGiB.min, now);
}

/** A decimal number as typed ("2", "1.5", " 4 "); NaN for anything else ("", "2x", "1e3"). */
function parseNumber(text: string): number {
  const t = text.trim();
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : NaN;
}

export function checkDraft(draft: VmResourcesDraft, smallestDisk: number): DraftCheck {
  const errors: Partial<Record<VmResourceField, string>> = {};
  const { cpus: c, memoryMiB: m, diskGiB: d } = vmResourceLimits;

  const cpus = parseNumber(draft.cpus);
  if (!Number.isInteger(cpus) || cpus < c.min || cpus > c.max) {
    errors.cpus = `CPUs must be a whole number from ${c.min} to ${c.max}.`;
  }

  const memory = parseNumber(draft.memory);
  const memoryMiB = draft.memoryUnit === 'GiB' ? memory * 1024 : memory;
  if (Number.isNaN(memoryMiB) || memoryMiB < m.min || memoryMiB > m.max) {
    errors.memory = `Memory must be from ${m.min} MiB to ${m.max / 1024} GiB.`;
  } else if (!Number.isInteger(memoryMiB)) {
    errors.memory = 'Memory must be a whole number of MiB.';
  }

  const diskGiB = parseNumber(draft.diskGiB);
  if (!Number.isInteger(diskGiB) || diskGiB < d.min || diskGiB > d.max) {
    errors.diskGiB = `Disk size must be a whole number of GiB from ${d.min} to ${d.max}.`;
  } else if (diskGiB < smallestDisk) {
    errors.diskGiB =
      `The disk can only grow: it is ${smallestDisk} GiB now, and a smaller disk would lose ` +
      `what is on it. Pick ${smallestDisk} GiB or more.`;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, resources: { cpus, memoryMiB, diskGiB } };
}

export function sameResources(a: VmResources, b: VmResources): boolean {
  return a.cpus === b.cpus && a.memoryMiB === b.memoryMiB && a.diskGiB === b.diskGiB;
}
