// Which accelerator QEMU runs the VM with: the host's hypervisor where it
// works (hvf on macOS, whpx on Windows, kvm on Linux when /dev/kvm opens
// read-write), else TCG, software emulation, several times slower: the VM
// status then carries a warning saying why. A KVM that opens but that QEMU
// refuses (no nested virtualisation) is found at boot: the driver retries
// with TCG (see vm-driver.ts).
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import type { VmAccelerator } from '../../contract/vm-channels.ts';
import type { HostOs } from './qemu-args.ts';

export interface AcceleratorChoice {
  accelerator: VmAccelerator;
  /** Why the VM runs slower than it could, in plain words; absent with hardware acceleration. */
  warning?: string;
}

export const tcgWarning = (why: string): string =>
  `The VM runs without hardware acceleration (${why}), so it starts and runs several times slower.`;

/** Whether /dev/kvm can be opened read-write by this process. */
export async function kvmUsable(
  device = '/dev/kvm',
): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await access(device, constants.R_OK | constants.W_OK);
    return { ok: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ok: false, reason: `${device} does not exist` };
    if (code === 'EACCES' || code === 'EPERM') {
      return {
        ok: false,
        reason: `${device} is not writable by you; add yourself to the kvm group`,
      };
    }
    return { ok: false, reason: `${device}: ${(error as Error).message}` };
  }
}

export async function chooseAccelerator(opts: {
  os: HostOs;
  /** BERTH_VM_ACCEL: force one (tests, or a user whose hypervisor misbehaves). */
  forced?: string | undefined;
  kvm?: () => Promise<{ ok: true } | { ok: false; reason: string }>;
}): Promise<AcceleratorChoice> {
  const forced = opts.forced;
  if (forced === 'tcg')
    return { accelerator: 'tcg', warning: tcgWarning('asked for with BERTH_VM_ACCEL=tcg') };
  if (forced === 'kvm' || forced === 'hvf' || forced === 'whpx') return { accelerator: forced };
  switch (opts.os) {
    case 'darwin':
      return { accelerator: 'hvf' };
    case 'win32':
      return { accelerator: 'whpx' };
    case 'linux': {
      const kvm = await (opts.kvm ?? (() => kvmUsable()))();
      if (kvm.ok) return { accelerator: 'kvm' };
      return { accelerator: 'tcg', warning: tcgWarning(`KVM is not available: ${kvm.reason}`) };
    }
  }
}

/** After QEMU refused a hardware accelerator at start: TCG, saying what QEMU said. */
export function fallBackToTcg(from: VmAccelerator, qemuSaid: string): AcceleratorChoice {
  const said = qemuSaid.trim().split('\n').at(-1) ?? '';
  return {
    accelerator: 'tcg',
    warning: tcgWarning(`QEMU could not use ${from}${said ? `: ${said}` : ''}`),
  };
}

/**
 * Whether QEMU's early end was the accelerator's doing (as opposed to, say, a
 * port taken): it says so ("failed to initialize kvm: Permission denied",
 * "Could not access KVM kernel module"), or it died inside the accelerator's
 * code (here, without nested virtualisation, KVM opens and QEMU then aborts
 * on "kvm_buf_set_msrs: Assertion ... failed").
 */
export function acceleratorRefused(accelerator: VmAccelerator, output: string): boolean {
  if (accelerator === 'tcg') return false;
  const text = output.toLowerCase();
  return (
    text.includes(accelerator) ||
    text.includes('no accelerator found') ||
    text.includes('hypervisor') ||
    text.includes('msr')
  );
}
