import { describe, expect, it } from 'vitest';
import { acceleratorRefused, chooseAccelerator, fallBackToTcg } from './accelerator.ts';
import { portTaken } from './qemu-launch.ts';

describe('accelerator choice', () => {
  it('takes the host hypervisor on macOS and Windows', async () => {
    expect(await chooseAccelerator({ os: 'darwin' })).toEqual({ accelerator: 'hvf' });
    expect(await chooseAccelerator({ os: 'win32' })).toEqual({ accelerator: 'whpx' });
  });

  it('takes KVM on Linux when /dev/kvm opens read-write', async () => {
    const choice = await chooseAccelerator({ os: 'linux', kvm: async () => ({ ok: true }) });
    expect(choice).toEqual({ accelerator: 'kvm' });
  });

  it('falls back to TCG with a warning saying why when KVM cannot be opened', async () => {
    const choice = await chooseAccelerator({
      os: 'linux',
      kvm: async () => ({ ok: false, reason: '/dev/kvm does not exist' }),
    });
    expect(choice.accelerator).toBe('tcg');
    expect(choice.warning).toMatch(
      /without hardware acceleration \(KVM is not available: \/dev\/kvm does not exist\)/,
    );
  });

  it('obeys BERTH_VM_ACCEL', async () => {
    expect((await chooseAccelerator({ os: 'darwin', forced: 'tcg' })).accelerator).toBe('tcg');
    expect(
      await chooseAccelerator({
        os: 'linux',
        forced: 'kvm',
        kvm: async () => ({ ok: false, reason: 'x' }),
      }),
    ).toEqual({ accelerator: 'kvm' });
  });

  it('recognises QEMU failing on the accelerator, including an abort inside KVM (seen here)', () => {
    expect(
      acceleratorRefused('kvm', 'qemu-system-x86_64: failed to initialize kvm: Permission denied'),
    ).toBe(true);
    expect(
      acceleratorRefused(
        'kvm',
        "qemu-system-x86_64: error: failed to set MSR 0x10a to 0x69\nqemu-system-x86_64: ../../target/i386/kvm/kvm.c:3183: kvm_buf_set_msrs: Assertion `ret == cpu->kvm_msr_buf->nmsrs' failed.",
      ),
    ).toBe(true);
    expect(acceleratorRefused('whpx', 'WHPX: No accelerator found')).toBe(true);
    expect(
      acceleratorRefused('kvm', "Could not set up host forwarding rule 'tcp:127.0.0.1:4000-:2376'"),
    ).toBe(false);
    expect(acceleratorRefused('tcg', 'anything')).toBe(false);
    const fallback = fallBackToTcg('kvm', 'first\nfailed to initialize kvm: Permission denied\n');
    expect(fallback).toEqual({
      accelerator: 'tcg',
      warning: expect.stringMatching(
        /QEMU could not use kvm: failed to initialize kvm: Permission denied/,
      ),
    });
  });

  it('recognises the API port taken by someone else', () => {
    expect(
      portTaken(
        "qemu-system-x86_64: -netdev user,id=net0,hostfwd=tcp:127.0.0.1:4000-:2376: Could not set up host forwarding rule 'tcp:127.0.0.1:4000-:2376'",
      ),
    ).toBe(true);
    expect(portTaken('failed to initialize kvm')).toBe(false);
  });
});
