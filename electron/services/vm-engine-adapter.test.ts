import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_VM_RESOURCES } from '../contract/vm-channels.ts';
import { SettingsFile } from './settings.ts';
import { checkHostLimits, createVmEngine, findVmImage, vmShares } from './vm-engine-adapter.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'vm-adapter-'));
  dirs.push(dir);
  return dir;
}

describe('the VM engine’s settings', () => {
  it('shares the home folder, or the folders BERTH_VM_SHARES lists', () => {
    expect(vmShares({}, '/home/me')).toEqual(['/home/me']);
    expect(vmShares({ BERTH_VM_SHARES: `/a${path.delimiter}/b,c` }, '/home/me')).toEqual([
      '/a',
      '/b,c',
    ]);
    expect(vmShares({ BERTH_VM_SHARES: '' }, '/home/me')).toEqual([]);
  });

  it('finds the image in BERTH_VM_IMAGE_DIR, else in the packaged resources', async () => {
    const dir = await tempDir();
    const resources = path.join(dir, 'resources');
    await mkdir(path.join(resources, 'vm'), { recursive: true });
    await writeFile(path.join(resources, 'vm', 'manifest.json'), '{}');
    expect(findVmImage({}, resources)).toBe(path.join(resources, 'vm'));
    expect(findVmImage({ BERTH_VM_IMAGE_DIR: '/nowhere' }, resources)).toBe(
      path.join(resources, 'vm'),
    );
    expect(findVmImage({}, undefined)).toBeNull();
    expect(findVmImage({ BERTH_VM_IMAGE_DIR: '/nowhere' }, undefined)).toBe('/nowhere');
  });

  it('refuses more CPUs than the host has, or more memory than it can spare', () => {
    const host = { cpus: 2, memoryMiB: 8192 };
    expect(() => checkHostLimits({ cpus: 2, memoryMiB: 7168, diskGiB: 64 }, host)).not.toThrow();
    expect(() => checkHostLimits({ cpus: 3, memoryMiB: 2048, diskGiB: 64 }, host)).toThrow(
      /CPUs: this machine has 2/,
    );
    expect(() => checkHostLimits({ cpus: 1, memoryMiB: 8000, diskGiB: 64 }, host)).toThrow(
      /Memory: at most 7168 MiB/,
    );
  });

  it('saves new resources for the next start, and says the image is missing when it is', async () => {
    const dataDir = await tempDir();
    const engine = createVmEngine({
      dataDir,
      imageDir: null,
      shares: ['/home/me'],
      settings: new SettingsFile(dataDir),
      env: {},
    });
    try {
      const before = engine.vm.status();
      expect(before).toMatchObject({
        image: null,
        accelerator: null,
        settings: DEFAULT_VM_RESOURCES,
        restartRequired: false,
        sharedFolders: ['/home/me'],
        portProblems: [],
      });
      const wanted = { cpus: 1, memoryMiB: 1024, diskGiB: 8 };
      expect((await engine.vm.setResources(wanted)).settings).toEqual(wanted);
      expect((await new SettingsFile(dataDir).read()).vmResources).toEqual(wanted);
      const failed = await engine.start().then(
        () => null,
        (e: unknown) => e as { envelope: { message: string; step?: string } },
      );
      expect(failed?.envelope.step).toBe('check QEMU and image');
      expect(failed?.envelope.message).toMatch(/VM image is not installed|QEMU/);
    } finally {
      await engine.dispose();
    }
  });
});
