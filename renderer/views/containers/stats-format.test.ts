import { describe, expect, it } from 'vitest';
import { formatBytes, formatCpu, formatMemory } from './stats-format.ts';

describe('stats figures', () => {
  it('shows bytes in binary units, as docker stats does', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(548_864)).toBe('536 KiB');
    expect(formatBytes(1_425_408)).toBe('1.4 MiB');
    expect(formatBytes(64 * 2 ** 20)).toBe('64 MiB');
    expect(formatBytes(25_274_793_984)).toBe('23.5 GiB');
  });

  it('shows the limit only when the container has one', () => {
    expect(formatMemory(548_864, 64 * 2 ** 20)).toBe('536 KiB / 64 MiB');
    expect(formatMemory(548_864, null)).toBe('536 KiB');
  });

  it('shows CPU with one decimal, above 100 % on several CPUs', () => {
    expect(formatCpu(12.345)).toBe('12.3 %');
    expect(formatCpu(0)).toBe('0.0 %');
    expect(formatCpu(199.96)).toBe('200.0 %');
  });
});
