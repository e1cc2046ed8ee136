import { describe, expect, it } from 'vitest';
import type { EngineHistoryEntry } from '../../../../electron/contract/engine-types.ts';
import type { VmStatus } from '../../../../electron/contract/vm-channels.ts';
import {
  dataDiskText,
  diskUsageText,
  isDataDiskError,
  memoryText,
  secondsText,
  startProgress,
  startSteps,
  TCG_WARNING,
  vmWarning,
} from './vm-format.ts';

const h = (
  at: number,
  state: EngineHistoryEntry['state'],
  message: string,
  step?: string,
): EngineHistoryEntry => ({ at, state, message, ...(step ? { step } : {}) });

describe('startSteps', () => {
  it('lists the steps of the last start only, each with its time', () => {
    const history = [
      h(0, 'starting', 'Starting'),
      h(10, 'starting', 'boot…', 'boot'),
      h(20, 'running', 'Engine is running'),
      h(100, 'stopped', 'Stopped'),
      h(200, 'starting', 'Starting'),
      h(210, 'starting', 'check QEMU…', 'check QEMU'),
      h(1_210, 'starting', 'prepare disk…', 'prepare disk'),
      h(1_500, 'starting', 'wait for guest…', 'wait for guest'),
      h(1_600, 'starting', 'guest: mount data disk', 'wait for guest'),
      h(1_700, 'starting', 'guest: start dockerd', 'wait for guest'),
    ];
    expect(startSteps(history)).toEqual([
      { name: 'check QEMU', outcome: 'done', startedAt: 210, tookMs: 1_000, notes: [] },
      { name: 'prepare disk', outcome: 'done', startedAt: 1_210, tookMs: 290, notes: [] },
      {
        name: 'wait for guest',
        outcome: 'running',
        startedAt: 1_500,
        notes: ['guest: mount data disk', 'guest: start dockerd'],
      },
    ]);
  });

  it('marks the step the error names failed, else the last, and all done when running', () => {
    const failing = [
      h(0, 'starting', 'boot…', 'boot'),
      h(50, 'starting', 'Failed: no disk', 'boot'),
      h(60, 'error', 'Engine failed to start'),
    ];
    expect(startSteps(failing)).toEqual([
      { name: 'boot', outcome: 'failed', startedAt: 0, tookMs: 60, notes: ['Failed: no disk'] },
    ]);
    const tidied = [
      h(0, 'starting', 'boot…', 'boot'),
      h(50, 'starting', 'Failed: no disk', 'boot'),
      h(55, 'starting', 'stop engine (SIGTERM)…', 'stop engine (SIGTERM)'),
      h(90, 'error', 'Engine failed to start'),
    ];
    expect(startSteps(tidied, 'boot').map((s) => [s.name, s.outcome, s.tookMs])).toEqual([
      ['boot', 'failed', 55],
      ['stop engine (SIGTERM)', 'done', 35],
    ]);
    const ready = [h(0, 'starting', 'boot…', 'boot'), h(70, 'running', 'Engine is running')];
    expect(startSteps(ready)[0]).toMatchObject({ outcome: 'done', tookMs: 70 });
  });

  it('is empty before any start', () => {
    expect(startSteps([h(0, 'stopped', 'Stopped')])).toEqual([]);
  });
});

describe('startProgress', () => {
  const step = (name: string) => ({ name, outcome: 'done' as const, startedAt: 0, notes: [] });

  it('counts the hinted steps before the furthest one seen, never a full bar', () => {
    expect(startProgress([])).toEqual({ now: 0, max: 13 });
    expect(startProgress([step('check QEMU and image'), step('settle previous VM')]).now).toBe(1);
    expect(startProgress([step('start QEMU'), step('mount data disk')]).now).toBe(9);
    expect(startProgress([step('start dockerd'), step('wait for engine')]).now).toBe(12);
  });

  it('stays where it was for a step it does not know', () => {
    expect(startProgress([step('start QEMU'), step('something new')]).now).toBe(5);
  });
});

describe('formatting', () => {
  it('says how much of the sparse disk is used', () => {
    expect(diskUsageText({ usedBytes: 1.5 * 1024 ** 3, sizeBytes: 64 * 1024 ** 3 })).toBe(
      '1.5 GiB used of 64 GiB (2 %)',
    );
    expect(diskUsageText({ usedBytes: 0, sizeBytes: 0 })).toBe('0 B used of 0 B (0 %)');
  });

  it('writes memory in GiB when whole and step times to the tenth while short', () => {
    expect(memoryText(2048)).toBe('2 GiB');
    expect(memoryText(1536)).toBe('1536 MiB');
    expect(secondsText(900)).toBe('0.9 s');
    expect(secondsText(12_345)).toBe('12 s');
  });

  it('always warns under TCG in the same words, the driver saying why beneath', () => {
    const vm = { accelerator: 'tcg' } as VmStatus;
    expect(vmWarning(vm)).toEqual({ text: TCG_WARNING });
    expect(vmWarning({ ...vm, warning: 'KVM is not available' })).toEqual({
      text: TCG_WARNING,
      detail: 'KVM is not available',
    });
    expect(vmWarning({ ...vm, accelerator: 'kvm' })).toBeUndefined();
    expect(vmWarning({ ...vm, accelerator: null, warning: 'odd' })).toEqual({ text: 'odd' });
  });
});

describe('isDataDiskError', () => {
  it('knows a full, corrupt or unusable data disk, and nothing else', () => {
    expect(
      isDataDiskError({ message: 'mount: /dev/vda: wrong fs type', step: 'wait for guest' }),
    ).toBe(true);
    expect(isDataDiskError({ message: 'The data disk is corrupt', step: 'prepare disk' })).toBe(
      true,
    );
    expect(isDataDiskError({ message: 'No space left on device' })).toBe(true);
    expect(isDataDiskError({ message: 'QEMU is not installed', step: 'check QEMU' })).toBe(false);
    expect(isDataDiskError(undefined)).toBe(false);
  });
});

describe('dataDiskText', () => {
  const GiB = 1024 ** 3;
  it('says what the guest holds and what the sparse file takes on this computer', () => {
    expect(
      dataDiskText({
        diskUse: {
          usedBytes: 62 * GiB,
          sizeBytes: 63 * GiB,
          availableBytes: 32 * 1024 ** 2,
          full: true,
        },
        diskFile: { usedBytes: 7 * 1024 ** 2, sizeBytes: 64 * GiB },
      }),
    ).toBe('62 GiB used of 63 GiB (98 %), 32 MiB free, takes 7 MiB on this computer');
  });

  it('has only the file before the guest reported, and nothing before the disk exists', () => {
    expect(dataDiskText({ diskFile: { usedBytes: 1024 ** 2, sizeBytes: 64 * GiB } })).toBe(
      '64 GiB, takes 1 MiB on this computer',
    );
    expect(dataDiskText({})).toBeNull();
  });
});
