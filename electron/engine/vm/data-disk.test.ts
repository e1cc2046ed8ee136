import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diskState, prepareDataDisk } from './data-disk.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('the data disk', () => {
  it('is made sparse at the settings’ size, grown when they grow, never shrunk', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disk-'));
    dirs.push(dir);
    const file = path.join(dir, 'data.img');
    expect(await diskState(file)).toBeNull();
    expect(await prepareDataDisk(file, 8)).toEqual({ created: true, sizeBytes: 8 * 1024 ** 3 });
    const made = await stat(file);
    expect(made.size).toBe(8 * 1024 ** 3);
    expect(made.blocks * 512).toBeLessThan(1024 * 1024);
    expect(await prepareDataDisk(file, 16)).toEqual({
      created: false,
      grewFrom: 8 * 1024 ** 3,
      sizeBytes: 16 * 1024 ** 3,
    });
    expect(await prepareDataDisk(file, 4)).toEqual({ created: false, sizeBytes: 16 * 1024 ** 3 });
    expect((await diskState(file))?.sizeBytes).toBe(16 * 1024 ** 3);
  });
});
