import { describe, expect, it } from 'vitest';
import { GuestError } from './guest-progress.ts';

import { bootSlowness, vmStepTimeout, vmStepTimeouts, guestStepError } from './vm-steps.ts';

describe('guestStepError', () => {
  it('names a full data disk as the reason dockerd did not start, with the ways out', () => {
    const error = guestStepError(
      'ready',
      new GuestError('data disk full: dockerd cannot run with 11 MiB free of 62000 MiB'),
    );
    expect(error.envelope.message).toBe(
      'The VM stopped at "ready": data disk full: dockerd cannot run with 11 MiB free of 62000 MiB',
    );
    expect(error.envelope.engineMessage).toMatch(/^data disk full/);
    expect(error.envelope.hint).toMatch(/data disk is full/);
    expect(error.envelope.hint).toMatch(/Disk size/);
    expect(error.envelope.hint).toMatch(/Reset/);
  });

  it('offers Reset for a data disk the guest cannot use, and the console otherwise', () => {
    const corrupt = guestStepError(
      'data disk mounted',
      new GuestError('data disk /dev/vda is corrupt'),
    );
    expect(corrupt.envelope.hint).toMatch(/cannot be used. Reset/);
    const other = guestStepError('network up', new GuestError('network: no eth0'));
    expect(other.envelope.hint).toMatch(/VM console/);
  });
});

describe('VM step deadlines on a busy host', () => {
  it('keeps the deadlines when the kernel boots at the speed they assume', () => {
    expect(bootSlowness(6_000)).toBe(1);
    expect(bootSlowness(20_000)).toBe(1);
    expect(vmStepTimeout('start dockerd', bootSlowness(6_000))).toBe(
      vmStepTimeouts['start dockerd'],
    );
  });

  it('stretches the steps after the kernel’s boot as much as the boot was slow, up to 4x', () => {
    // Measured: a kernel boot of 80 s, then dockerd serving 183 s after "dockerd starting".
    expect(bootSlowness(80_000)).toBe(4);
    expect(vmStepTimeout('start dockerd', bootSlowness(80_000))).toBe(720_000);
    expect(bootSlowness(30_000)).toBe(1.5);
    expect(vmStepTimeout('wait for engine', 1.5)).toBe(135_000);
    expect(bootSlowness(119_000)).toBe(4);
  });

  it('does not stretch the host’s own steps nor the kernel’s boot, which measures the slowness', () => {
    expect(vmStepTimeout('boot kernel', 4)).toBe(vmStepTimeouts['boot kernel']);
    expect(vmStepTimeout('make certificates', 4)).toBe(vmStepTimeouts['make certificates']);
    expect(vmStepTimeout('start QEMU', 4)).toBe(vmStepTimeouts['start QEMU']);
  });
});
