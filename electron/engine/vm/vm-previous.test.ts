import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { vmLayout } from './vm-layout.ts';
import { qemuTmpDir, removeStaleVmFiles } from './vm-previous.ts';

let dir = '';
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('removeStaleVmFiles', () => {
  it('removes the pid file, the run record and the smbd folder a killed QEMU left in its TMPDIR', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'berth-vm-previous-'));
    const layout = vmLayout(dir);
    const smbDir = path.join(qemuTmpDir(layout), 'qemu-smb.AbC123');
    await mkdir(smbDir, { recursive: true });
    await writeFile(path.join(smbDir, 'smb.conf'), '[qemu]\n');
    await writeFile(layout.pidFile, '4242\n');
    await writeFile(layout.runFile, '{}');

    expect(await removeStaleVmFiles(layout)).toEqual([
      'tmp/qemu-smb.AbC123',
      'qemu.pid',
      'running.json',
    ]);
    expect(await readdir(qemuTmpDir(layout))).toEqual([]);
    expect(await removeStaleVmFiles(layout)).toEqual([]);
  });
});
