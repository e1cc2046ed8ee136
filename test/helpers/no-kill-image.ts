// An image with `sleep` and `ps` but no `kill`, for the Processes tab's
// "the image has no kill" message: busybox with two links, imported.
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importRootfs } from './busybox-image.ts';

export const noKillImage = 'berth-test/no-kill:latest';

export async function ensureNoKillImage(host: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-no-kill-'));
  try {
    await mkdir(path.join(dir, 'bin'));
    await copyFile('/bin/busybox', path.join(dir, 'bin/busybox'));
    for (const applet of ['sleep', 'ps']) await symlink('busybox', path.join(dir, 'bin', applet));
    for (const folder of ['proc', 'sys', 'dev', 'etc', 'tmp']) await mkdir(path.join(dir, folder));
    await importRootfs(host, dir, noKillImage);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return noKillImage;
}
