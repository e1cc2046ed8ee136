// One Berth process per data folder: two would fight over one managed dockerd
// (each taking the other's start for a hung engine, and its stop for a crash).
// A lock file holds the owner's pid; a pid that no longer runs is a stale lock.
import { open, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ContractError } from '../contract/errors.ts';

interface DataDirLock {
  release(): Promise<void>;
}

/** Locks `dataDir`, which must exist (ensureDataDir makes it, private). */
export async function lockDataDir(dataDir: string, pid = process.pid): Promise<DataDirLock> {
  const file = join(dataDir, 'berth.lock');
  try {
    const handle = await open(file, 'wx');
    await handle.writeFile(`${pid}\n`);
    await handle.close();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const owner = Number((await readFile(file, 'utf8')).trim());
    if (Number.isInteger(owner) && owner > 0 && owner !== pid && isAlive(owner)) {
      throw new ContractError({
        kind: 'conflict',
        message: `Berth is already running with the data folder ${dataDir} (process ${owner}).`,
        hint: 'Use that window or the URL it printed, or stop it first. To run a second copy, give it --data-dir.',
      });
    }
    await writeFile(file, `${pid}\n`); // the owner is gone: the lock is stale
  }
  return {
    release: async () => {
      try {
        if (Number((await readFile(file, 'utf8')).trim()) === pid) await unlink(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    },
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
