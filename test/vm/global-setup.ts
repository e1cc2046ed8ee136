// Once per run of the vm layer: build the VM image, or reuse the one cached for
// this recipe, and tell the tests where it is. BERTH_VM_IMAGE_DIR set by hand
// (an image built elsewhere) is used as it is.
import { ensureVmImage } from '../../scripts/vm-image/ensure.ts';

export default async function setup(): Promise<void> {
  if (process.env.BERTH_VM_IMAGE_DIR) return;
  process.env.BERTH_VM_IMAGE_DIR = await ensureVmImage();
}
