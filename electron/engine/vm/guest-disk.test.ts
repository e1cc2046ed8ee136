import { describe, expect, it } from 'vitest';
import { GuestDiskWatch, isDataDiskFull, parseDiskUseLine } from './guest-disk.ts';

const MiB = 1024 ** 2;

describe('parseDiskUseLine', () => {
  it('reads used, size and available bytes from the guest’s marker', () => {
    expect(parseDiskUseLine('berth-guest: disk 217894912 234594304 11333632')).toEqual({
      usedBytes: 217894912,
      sizeBytes: 234594304,
      availableBytes: 11333632,
    });
  });

  it('takes a kernel prefix and a carriage return, as the serial line has them', () => {
    expect(parseDiskUseLine('[   12.5] berth-guest: disk 10 100 90\r')).toEqual({
      usedBytes: 10,
      sizeBytes: 100,
      availableBytes: 90,
    });
  });

  it('counts what is not used as available when the guest gives two figures', () => {
    expect(parseDiskUseLine('berth-guest: disk 30 100')?.availableBytes).toBe(70);
  });

  it('ignores other markers and garbled figures', () => {
    for (const line of [
      'berth-guest: data disk mounted',
      'berth-guest: disk',
      'berth-guest: disk 10',
      'berth-guest: disk ten 100 90',
      'berth-guest: disk -1 100 90',
      'berth-guest: disk 200 100 0',
      'berth-guest: disk 0 0 0',
      'berth-guest: disk 1 2 3 4',
      'berth-guest: error: data disk full: dockerd cannot run',
      'data disk /dev/vda: 62000 MiB, 11 MiB free',
    ]) {
      expect(parseDiskUseLine(line), line).toBeNull();
    }
  });
});

describe('isDataDiskFull', () => {
  const use = (availableBytes: number) => ({
    usedBytes: 0,
    sizeBytes: 64 * 1024 * MiB,
    availableBytes,
  });

  it('calls the disk full below 64 MiB available, whatever its size', () => {
    expect(isDataDiskFull(use(64 * MiB - 1))).toBe(true);
    expect(isDataDiskFull(use(0))).toBe(true);
    expect(isDataDiskFull(use(64 * MiB))).toBe(false);
    // 1 % of a 2 TiB disk is 20 GiB: not full.
    expect(
      isDataDiskFull({ usedBytes: 0, sizeBytes: 2048 * 1024 * MiB, availableBytes: 20_000 * MiB }),
    ).toBe(false);
  });
});

describe('GuestDiskWatch', () => {
  it('keeps the last report and tells only when the figures change', () => {
    const watch = new GuestDiskWatch();
    let told = 0;
    watch.onChange(() => told++);
    watch.line('berth-guest: network up');
    expect(watch.use).toBeNull();
    watch.line('berth-guest: disk 10 100 90');
    watch.line('berth-guest: disk 10 100 90');
    expect(told).toBe(1);
    watch.line('berth-guest: disk 20 100 80');
    expect(watch.use).toEqual({ usedBytes: 20, sizeBytes: 100, availableBytes: 80 });
    expect(told).toBe(2);
  });

  it('forgets the report when a new VM boots', () => {
    const watch = new GuestDiskWatch();
    let told = 0;
    watch.onChange(() => told++);
    watch.reset();
    expect(told).toBe(0);
    watch.line('berth-guest: disk 10 100 90');
    watch.reset();
    expect(watch.use).toBeNull();
    expect(told).toBe(2);
  });
});
