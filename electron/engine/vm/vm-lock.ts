// One VM driver runs the VM at a time: a lock file made with O_EXCL names the
// process (and the driver inside it) that runs it. A lock whose pid is dead (a
// killed app) is stale and taken over; a live one means another Berth runs
// this VM, and the caller refuses rather than boot a second copy on one disk.
import { randomBytes } from 'node:crypto';
import { open, readFile, rm } from 'node:fs/promises';
import { isProcessLive } from '../processes.ts';

export interface LockOwner {
  pid: number;
  /** Tells two drivers of one process apart. */
  token: string;
}

export function newLockOwner(pid = process.pid): LockOwner {
  return { pid, token: randomBytes(6).toString('hex') };
}

/** /proc on Linux (a zombie is dead); elsewhere, whether the pid takes a signal. */
export async function pidAlive(pid: number): Promise<boolean> {
  if (process.platform === 'linux') return isProcessLive(pid);
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type LockOutcome = { ok: true; tookOverFrom?: number } | { ok: false; holder: number };

async function readHolder(file: string): Promise<LockOwner | null> {
  try {
    const [pid, token = ''] = (await readFile(file, 'utf8')).trim().split(/\s+/);
    const n = Number.parseInt(pid ?? '', 10);
    return Number.isInteger(n) && n > 0 ? { pid: n, token } : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export async function acquireVmLock(
  file: string,
  owner: LockOwner,
  isLive: (pid: number) => Promise<boolean> = pidAlive,
): Promise<LockOutcome> {
  let tookOverFrom: number | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.writeFile(`${owner.pid} ${owner.token}\n`);
      } finally {
        await handle.close();
      }
      return tookOverFrom !== undefined ? { ok: true, tookOverFrom } : { ok: true };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readHolder(file);
    if (holder && holder.pid === owner.pid && holder.token === owner.token) return { ok: true };
    if (holder && (await isLive(holder.pid))) return { ok: false, holder: holder.pid };
    // A dead holder, or a file cut short while it was written: stale.
    if (holder) tookOverFrom = holder.pid;
    await rm(file, { force: true });
  }
  return { ok: false, holder: (await readHolder(file))?.pid ?? 0 };
}

/** Removes the lock when `owner` holds it. */
export async function releaseVmLock(file: string, owner: LockOwner): Promise<void> {
  const holder = await readHolder(file);
  if (holder && holder.pid === owner.pid && holder.token === owner.token)
    await rm(file, { force: true });
}
