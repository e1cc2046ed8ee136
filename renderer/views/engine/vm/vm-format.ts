// What the VM section says about the VM, worked out from its status: the
// accelerator in words, the disk's use, the steps of the last start with their
// times, and how far a start has come. Step names are the driver's: they are
// shown as they come, and the list below only guesses how far along one is.
import type {
  EngineHistoryEntry,
  EngineState,
  EngineStatus,
} from '../../../../electron/contract/engine-types.ts';
import type { VmAccelerator, VmStatus } from '../../../../electron/contract/vm-channels.ts';
import { formatBytes } from '../../containers/stats-format.ts';

export const TCG_WARNING =
  'No hardware acceleration: the VM runs under software emulation and is slower';

const acceleratorNames: Record<VmAccelerator, string> = {
  hvf: 'Hypervisor.framework (hardware)',
  whpx: 'Windows Hypervisor Platform (hardware)',
  kvm: 'KVM (hardware)',
  tcg: 'TCG (software emulation)',
};

export function acceleratorText(accelerator: VmAccelerator | null): string {
  return accelerator ? acceleratorNames[accelerator] : 'not started yet';
}

/**
 * What slows the VM, headline first: under TCG always the same plain words
 * (the driver's own, naming why, go beneath them), otherwise the driver's.
 */
export function vmWarning(vm: VmStatus): { text: string; detail?: string } | undefined {
  if (vm.accelerator === 'tcg')
    return { text: TCG_WARNING, ...(vm.warning ? { detail: vm.warning } : {}) };
  return vm.warning ? { text: vm.warning } : undefined;
}

/** "1.2 GiB used of 64 GiB (2 %)". */
export function diskUsageText(disk: { usedBytes: number; sizeBytes: number }): string {
  const share = disk.sizeBytes > 0 ? Math.round((disk.usedBytes / disk.sizeBytes) * 100) : 0;
  return `${formatBytes(disk.usedBytes)} used of ${formatBytes(disk.sizeBytes)} (${share} %)`;
}

/**
 * The data disk in words: what the guest's file system holds (its own count:
 * what was deleted in the VM is free again), then what the sparse file takes
 * on this computer, which never shrinks by itself. Before the guest reported,
 * only the file is known.
 */
export function dataDiskText(vm: Pick<VmStatus, 'diskUse' | 'diskFile'>): string | null {
  const { diskUse, diskFile } = vm;
  const onHost = diskFile ? `takes ${formatBytes(diskFile.usedBytes)} on this computer` : null;
  if (diskUse) {
    const free = `${formatBytes(diskUse.availableBytes)} free`;
    return [diskUsageText(diskUse), free, onHost].filter(Boolean).join(', ');
  }
  if (diskFile) return `${formatBytes(diskFile.sizeBytes)}, ${onHost}`;
  return null;
}

export function memoryText(memoryMiB: number): string {
  return memoryMiB % 1024 === 0 ? `${memoryMiB / 1024} GiB` : `${memoryMiB} MiB`;
}

/** 900 → "0.9 s", 12_345 → "12 s": step times to the tenth while short. */
export function secondsText(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}

export interface StartStep {
  name: string;
  outcome: 'done' | 'running' | 'failed';
  startedAt: number;
  /** How long it took, once it is over. */
  tookMs?: number;
  /** What the step said while it ran (a guest's progress, "adopted…"), newest last. */
  notes: string[];
}

/** Where the last start began: the first entry of the last run of `starting` entries. */
function lastStartIndex(history: EngineHistoryEntry[]): number {
  for (let i = history.length - 1; i >= 0; i--) {
    if (history[i]!.state === 'starting' && (i === 0 || history[i - 1]!.state !== 'starting')) {
      return i;
    }
  }
  return -1;
}

/**
 * The steps of the last start, in order: each done, running or failed, with
 * its time once over and the notes it recorded. The supervisor records each
 * step as "NAME…" when it begins; anything else it records meanwhile is a note.
 * A failed start goes on with steps that tidy up (stopping what it began), so
 * the failed one is the step its error names (`failedStep`), not the last.
 */
export function startSteps(history: EngineHistoryEntry[], failedStep?: string): StartStep[] {
  const from = lastStartIndex(history);
  if (from < 0) return [];
  const steps: StartStep[] = [];
  let end: { state: EngineState; at: number } | null = null;
  for (const entry of history.slice(from)) {
    if (entry.state !== 'starting') {
      end = { state: entry.state, at: entry.at };
      break;
    }
    const last = steps.at(-1);
    if (entry.step && entry.step !== last?.name) {
      if (last) {
        last.outcome = 'done';
        last.tookMs = entry.at - last.startedAt;
      }
      steps.push({ name: entry.step, outcome: 'running', startedAt: entry.at, notes: [] });
    } else if (last && entry.message !== `${last.name}…`) {
      last.notes.push(entry.message);
    }
  }
  const last = steps.at(-1);
  if (!last || !end) return steps;
  last.outcome = 'done';
  last.tookMs = end.at - last.startedAt;
  if (end.state !== 'running') {
    const failed = steps.findLast((step) => step.name === failedStep) ?? last;
    failed.outcome = 'failed';
  }
  return steps;
}

/**
 * A rough order of the VM's start (the driver's step names, and words a
 * renamed step would likely keep), to say how far along a start is. Only a
 * hint: a step matching none of these leaves the bar where it was.
 */
const PROGRESS_HINTS = [
  /check/i,
  /settle|previous|stale/i,
  /prepare|make.*disk/i,
  /cert|tls/i,
  /port/i,
  /start qemu|launch|^boot$/i,
  /kernel/i,
  /module/i,
  /network/i,
  /mount data|data disk mounted/i,
  /shared|shares|folder/i,
  /dockerd/i,
  /engine|ping/i,
];

/**
 * How far a start has come: the hinted steps before the furthest one seen are
 * over (the furthest one is under way, so the bar is never full while starting).
 */
export function startProgress(steps: StartStep[]): { now: number; max: number } {
  let now = 0;
  for (const step of steps) {
    const index = PROGRESS_HINTS.findIndex((hint) => hint.test(step.name));
    now = Math.max(now, index);
  }
  return { now, max: PROGRESS_HINTS.length };
}

/** A failure that Reset (a new, empty data disk) can cure: the disk is full, corrupt or unusable. */
export function isDataDiskError(error: EngineStatus['error']): boolean {
  if (!error) return false;
  const words = [error.step, error.message, error.hint].filter(Boolean).join(' ');
  return /data disk|data\.img|\/dev\/vda|disk (is )?full|no space left|ext4|fsck|mkfs|corrupt/i.test(
    words,
  );
}
