// Finds QEMU for the VM's architecture, or says in plain words what to
// install on this OS. BERTH_QEMU names a program directly (tests point it at
// a missing file to see the message).
import { ContractError } from '../../contract/errors.ts';
import { findExecutable } from '../prerequisites.ts';
import { qemuBinaryName, type HostOs, type VmArch } from './qemu-args.ts';

export function installQemuAdvice(os: HostOs, arch: VmArch): string {
  switch (os) {
    case 'linux':
      return arch === 'x86_64'
        ? 'Install QEMU: `sudo apt-get install qemu-system-x86` (Debian, Ubuntu) or `sudo dnf install qemu-system-x86` (Fedora).'
        : 'Install QEMU: `sudo apt-get install qemu-system-arm` (Debian, Ubuntu) or `sudo dnf install qemu-system-aarch64` (Fedora).';
    case 'darwin':
      return 'Install QEMU with Homebrew: `brew install qemu`.';
    case 'win32':
      return 'Install QEMU for Windows (the installer from qemu.org, or `winget install SoftwareFreedomConservancy.QEMU`), then start Berth again.';
  }
}

export async function findQemu(opts: {
  os: HostOs;
  arch: VmArch;
  /** BERTH_QEMU */
  override?: string | undefined;
}): Promise<string> {
  const name = opts.override ?? qemuBinaryName(opts.os, opts.arch);
  const found = await findExecutable(name);
  if (found) return found;
  throw new ContractError({
    kind: 'not-found',
    message: opts.override
      ? `QEMU is not at ${opts.override} (BERTH_QEMU), so Berth cannot start its Linux VM.`
      : `QEMU (${name}) is not installed, so Berth cannot start its Linux VM.`,
    hint: installQemuAdvice(opts.os, opts.arch),
  });
}
