// The VM image on its own, without booting it: its manifest names every
// Debian package and version it was built from, and the outputs it describes
// are the files beside it. Booting it is the other vm tests' work (through
// the app: test/vm/vm-engine.test.ts, vm-network.test.ts); the kernel's boot
// to the guest init is the bench's baseline (test/helpers/vm-boot.ts).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

interface Manifest {
  version: string;
  arch: string;
  packages: { name: string; version: string; arch: string }[];
  outputs: Record<string, { sha256: string; bytes: number }>;
}

let imageDir = '';

beforeAll(() => {
  imageDir = process.env.BERTH_VM_IMAGE_DIR ?? '';
  if (!imageDir)
    throw new Error('BERTH_VM_IMAGE_DIR is not set: the vm layer builds the image first');
});

describe('the VM image', () => {
  it('names every Debian package it was built from, with its version, and its outputs', async () => {
    const manifest = JSON.parse(
      await readFile(join(imageDir, 'manifest.json'), 'utf8'),
    ) as Manifest;
    expect(manifest.arch).toBe('amd64');
    expect(manifest.version).toBe(
      (await readFile(new URL('../../native/vm/VERSION', import.meta.url), 'utf8')).trim(),
    );
    const versions = new Map(manifest.packages.map((p) => [p.name, p.version]));
    expect(versions.get('docker.io')).toMatch(/^20\.10\./);
    for (const name of ['containerd', 'runc', 'tini', 'busybox-static', 'iptables', 'e2fsprogs'])
      expect(versions.get(name), name).toMatch(/^\S+$/);
    expect([...versions.keys()].some((name) => /^linux-image-\d/.test(name))).toBe(true);
    for (const file of ['vmlinuz', 'initramfs.img']) {
      const bytes = await readFile(join(imageDir, file));
      expect(manifest.outputs[file]).toEqual({
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytes: bytes.byteLength,
      });
    }
  });
});
