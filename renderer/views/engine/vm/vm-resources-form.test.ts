import { describe, expect, it } from 'vitest';
import {
  checkDraft,
  draftOf,
  smallestDiskGiB,
  type VmResourcesDraft,
} from './vm-resources-form.ts';

const draft = (over: Partial<VmResourcesDraft> = {}): VmResourcesDraft => ({
  cpus: '2',
  memory: '2',
  memoryUnit: 'GiB',
  diskGiB: '64',
  ...over,
});

describe('draftOf', () => {
  it('shows whole GiB of memory in GiB and anything else in MiB', () => {
    expect(draftOf({ cpus: 4, memoryMiB: 4096, diskGiB: 80 })).toEqual({
      cpus: '4',
      memory: '4',
      memoryUnit: 'GiB',
      diskGiB: '80',
    });
    expect(draftOf({ cpus: 1, memoryMiB: 1536, diskGiB: 64 }).memory).toBe('1536');
    expect(draftOf({ cpus: 1, memoryMiB: 1536, diskGiB: 64 }).memoryUnit).toBe('MiB');
  });
});

describe('checkDraft', () => {
  it('turns the fields into resources, memory in MiB', () => {
    expect(checkDraft(draft({ memory: '1.5' }), 64)).toEqual({
      ok: true,
      resources: { cpus: 2, memoryMiB: 1536, diskGiB: 64 },
    });
    expect(checkDraft(draft({ memory: ' 768 ', memoryUnit: 'MiB', cpus: '1' }), 64)).toEqual({
      ok: true,
      resources: { cpus: 1, memoryMiB: 768, diskGiB: 64 },
    });
  });

  it('names each field that is out of bounds or not a number', () => {
    const check = checkDraft(
      draft({ cpus: '0', memory: '256', memoryUnit: 'MiB', diskGiB: 'x' }),
      4,
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors.cpus).toBe('CPUs must be a whole number from 1 to 64.');
    expect(check.errors.memory).toBe('Memory must be from 512 MiB to 256 GiB.');
    expect(check.errors.diskGiB).toBe('Disk size must be a whole number of GiB from 4 to 2048.');
  });

  it('refuses fractions of a CPU, of a MiB and of a GiB of disk, and odd notations', () => {
    for (const bad of [
      draft({ cpus: '1.5' }),
      draft({ cpus: '' }),
      draft({ cpus: '1e1' }),
      draft({ memory: '1000.5', memoryUnit: 'MiB' }),
      draft({ memory: '2.0001' }),
      draft({ diskGiB: '64.5' }),
      draft({ diskGiB: '-64' }),
      draft({ memory: '300', memoryUnit: 'GiB' }),
    ]) {
      expect(checkDraft(bad, 4).ok, JSON.stringify(bad)).toBe(false);
    }
  });

  it('refuses a disk smaller than it is now, saying it can only grow', () => {
    const check = checkDraft(draft({ diskGiB: '32' }), 64);
    expect(check).toEqual({
      ok: false,
      errors: {
        diskGiB:
          'The disk can only grow: it is 64 GiB now, and a smaller disk would lose what is on it. Pick 64 GiB or more.',
      },
    });
    expect(checkDraft(draft({ diskGiB: '100' }), 64).ok).toBe(true);
  });
});

describe('smallestDiskGiB', () => {
  it('is the disk on the host, rounded up to whole GiB', () => {
    expect(smallestDiskGiB({ diskBytes: 64 * 1024 ** 3 })).toBe(64);
    expect(smallestDiskGiB({ diskBytes: 64 * 1024 ** 3 + 1 })).toBe(65);
  });

  it('is the running size before the disk is known, and the lower bound with neither', () => {
    expect(smallestDiskGiB({ running: { cpus: 2, memoryMiB: 2048, diskGiB: 80 } })).toBe(80);
    expect(smallestDiskGiB({})).toBe(4);
  });
});
