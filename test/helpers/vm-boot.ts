// The bench's baseline for the VM: how long the kernel alone takes to reach
// userspace under the same accelerator, measured as QEMU start to the guest
// init's first marker. Nothing else is attached (no disk, no TLS): the guest
// stops at its TLS check right after, and the run is killed.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initStartedMarker } from '../../electron/engine/vm/guest-contract.ts';
import { startQemu } from './vm-qemu.ts';

/** Boots imageDir's kernel and initramfs; resolves with ms from QEMU's start to `berth-guest: init started`. */
export async function bootKernelToInit(imageDir: string, timeoutMs = 180_000): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'berth-vm-boot-'));
  const run = startQemu({ imageDir, dir, lifetimeMs: timeoutMs + 10_000 });
  try {
    return await run.waitForConsole(initStartedMarker, timeoutMs);
  } finally {
    run.kill();
    await run.exited;
    await rm(dir, { recursive: true, force: true });
  }
}
