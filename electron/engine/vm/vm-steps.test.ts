import { describe, expect, it } from 'vitest';
import { bootSlowness, vmStepTimeout, vmStepTimeouts } from './vm-steps.ts';

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
