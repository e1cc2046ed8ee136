// The VM's data disk: a raw sparse file (it takes on the host only what the
// guest wrote), made at the settings' size and grown when the settings grow;
// the guest grows its file system to match at boot. Never shrunk: that would
// cut off data.
import { open, stat } from 'node:fs/promises';

const GiB = 1024 ** 3;

export interface DiskState {
  sizeBytes: number;
  usedBytes: number;
}

export async function diskState(file: string): Promise<DiskState | null> {
  try {
    const info = await stat(file);
    return { sizeBytes: info.size, usedBytes: info.blocks * 512 };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Makes or grows the disk; says what it did. */
export async function prepareDataDisk(
  file: string,
  sizeGiB: number,
): Promise<{ created: boolean; grewFrom?: number; sizeBytes: number }> {
  const wanted = sizeGiB * GiB;
  const handle = await open(file, 'a', 0o600);
  try {
    const { size } = await handle.stat();
    if (size === 0) {
      await handle.truncate(wanted);
      return { created: true, sizeBytes: wanted };
    }
    if (size < wanted) {
      await handle.truncate(wanted);
      return { created: false, grewFrom: size, sizeBytes: wanted };
    }
    return { created: false, sizeBytes: size };
  } finally {
    await handle.close();
  }
}
