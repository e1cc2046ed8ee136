import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireVmLock, newLockOwner, releaseVmLock } from './vm-lock.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function lockFile(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vm-lock-'));
  dirs.push(dir);
  return path.join(dir, 'vm.lock');
}

describe('the VM lock', () => {
  it('is taken by one driver; a second one, even in the same process, is refused with the holder', async () => {
    const file = await lockFile();
    const first = newLockOwner(1234);
    expect(await acquireVmLock(file, first, async () => true)).toEqual({ ok: true });
    expect(await acquireVmLock(file, first, async () => true)).toEqual({ ok: true });
    expect(await acquireVmLock(file, newLockOwner(1234), async () => true)).toEqual({
      ok: false,
      holder: 1234,
    });
    expect(await acquireVmLock(file, newLockOwner(99), async () => true)).toEqual({
      ok: false,
      holder: 1234,
    });
  });

  it('takes over a lock whose process is dead, or that holds no pid', async () => {
    const file = await lockFile();
    await acquireVmLock(file, newLockOwner(1234), async () => true);
    const next = newLockOwner(99);
    expect(await acquireVmLock(file, next, async (pid) => pid !== 1234)).toEqual({
      ok: true,
      tookOverFrom: 1234,
    });
    expect((await readFile(file, 'utf8')).startsWith('99 ')).toBe(true);
    await writeFile(file, '');
    expect(await acquireVmLock(file, newLockOwner(7), async () => true)).toEqual({ ok: true });
  });

  it('is released only by its holder', async () => {
    const file = await lockFile();
    const owner = newLockOwner(1234);
    await acquireVmLock(file, owner, async () => true);
    await releaseVmLock(file, newLockOwner(1234));
    expect(await readFile(file, 'utf8')).toContain('1234');
    await releaseVmLock(file, owner);
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });
});
