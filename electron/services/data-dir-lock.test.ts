import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.ts';

const tempDir = () => mkdtemp(join(tmpdir(), 'berth-lock-'));

describe('lockDataDir', () => {
  it('refuses a second owner while the first runs, naming it', async () => {
    const dir = await tempDir();
    const other = spawn('sleep', ['30']);
    try {
      await lockDataDir(dir, other.pid);
      await expect(lockDataDir(dir)).rejects.toThrow(
        `already running with the data folder ${dir} (process ${other.pid})`,
      );
    } finally {
      other.kill();
    }
  });

  it('takes over a lock whose owner is gone', async () => {
    const dir = await tempDir();
    const dead = spawn('true');
    await new Promise((r) => dead.once('exit', r));
    await writeFile(join(dir, 'berth.lock'), `${dead.pid}\n`);
    const lock = await lockDataDir(dir);
    expect((await readFile(join(dir, 'berth.lock'), 'utf8')).trim()).toBe(String(process.pid));
    await lock.release();
    await expect(readFile(join(dir, 'berth.lock'))).rejects.toThrow(/ENOENT/);
  });
});
