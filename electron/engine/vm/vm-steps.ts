// The VM's start steps: their names (the user's words, shown while each
// runs and named by its error), deadlines, and the checks and errors of the
// steps that need no driver state.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { ContractError } from '../../contract/errors.ts';
import type { GuestError, GuestMarker } from './guest-progress.ts';

/** Step deadlines, sized for TCG on a busy 2-core machine (a quiet one boots in 15-18 s). */
export const vmStepTimeouts = {
  'check QEMU and image': 10_000,
  'settle previous VM': 40_000,
  'prepare data disk': 30_000,
  'make certificates': 60_000,
  'pick API port': 10_000,
  'start QEMU': 60_000,
  'boot kernel': 120_000,
  'load modules': 90_000,
  'bring up network': 60_000,
  'mount data disk': 180_000,
  'mount shared folders': 60_000,
  'start dockerd': 180_000,
  'wait for engine': 90_000,
} as const;
export type VmStepName = keyof typeof vmStepTimeouts;

/**
 * How many times slower than the deadlines above assume this boot runs, from
 * the kernel's boot to /init (5-7 s under TCG on a quiet machine; the
 * deadlines hold to about 20 s): 1 to 4. Every later step scales with the host
 * load of the moment (dockerd's start took 2-3x the kernel's boot in every
 * measured run), so on a host so busy the kernel took 80 s a start that is
 * still going is not failed at a deadline sized for a calmer machine.
 */
export function bootSlowness(kernelBootMs: number): number {
  return Math.min(4, Math.max(1, kernelBootMs / 20_000));
}

/** Steps after the kernel's boot, whose deadlines scale with bootSlowness. */
export const scaledSteps: ReadonlySet<VmStepName> = new Set([
  'load modules',
  'bring up network',
  'mount data disk',
  'mount shared folders',
  'start dockerd',
  'wait for engine',
]);

/** A step's deadline on a boot `slowness` times slower than assumed. */
export function vmStepTimeout(name: VmStepName, slowness: number): number {
  return Math.round(vmStepTimeouts[name] * (scaledSteps.has(name) ? slowness : 1));
}

export const guestSteps: [VmStepName, GuestMarker][] = [
  ['boot kernel', 'init started'],
  ['load modules', 'modules loaded'],
  ['bring up network', 'network up'],
  ['mount data disk', 'data disk mounted'],
  ['mount shared folders', 'shares mounted'],
  ['start dockerd', 'ready'],
];

/** What an image folder holds (native/vm/build.sh writes them). */
export const imageFiles = ['vmlinuz', 'initramfs.img', 'manifest.json'];

/** The image folder, when it holds every file; else an error saying what is missing. */
export async function checkImage(imageDir: string | null): Promise<string> {
  const missing: string[] = [];
  for (const file of imageDir ? imageFiles : []) {
    await access(path.join(imageDir!, file)).catch(() => missing.push(file));
  }
  if (imageDir && missing.length === 0) return imageDir;
  throw new ContractError({
    kind: 'not-found',
    message: imageDir
      ? `Berth's VM image is incomplete in ${imageDir} (missing ${missing.join(', ')}).`
      : "Berth's VM image is not installed, so the VM cannot start.",
    hint: 'Reinstall Berth; from a source checkout, build the image with `npm run -s vm-image` and set BERTH_VM_IMAGE_DIR to the folder it prints.',
  });
}

/** The guest's own words for a step it could not do; a data disk it cannot use offers Reset. */
export function guestStepError(marker: GuestMarker, error: GuestError): ContractError {
  const dataDisk = /data disk/i.test(error.message);
  return new ContractError({
    kind: 'internal',
    message: `The VM stopped at "${marker}": ${error.message}`,
    engineMessage: error.message,
    hint: /data disk full/i.test(error.message)
      ? 'The VM’s data disk is full, so the engine cannot start. Make the disk bigger (Disk size, then Start: the VM grows its file system as it boots), or Reset, which deletes the disk (and every image, container and volume in it) and starts with a new one.'
      : dataDisk
        ? 'The VM’s data disk cannot be used. Reset deletes it (and every image, container and volume in it) and starts with a new one.'
        : 'Read the VM console for what happened, then press Start to try again.',
  });
}
