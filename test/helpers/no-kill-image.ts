// Images with `sleep` and little else, for the Processes tab's messages: no
// `kill` (busybox linked as `sleep` and `ps` only), or no `ps` either.
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { importRootfs } from './busybox-image.ts';

export const noKillImage = 'berth-test/no-kill:latest';
export const sleepOnlyImage = 'berth-test/sleep-only:latest';

export async function ensureNoKillImage(host: string, image = noKillImage): Promise<string> {
  const applets = image === sleepOnlyImage ? ['sleep'] : ['sleep', 'ps'];
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-no-kill-'));
  try {
    await mkdir(path.join(dir, 'bin'));
    await copyFile('/bin/busybox', path.join(dir, 'bin/busybox'));
    for (const applet of applets) await symlink('busybox', path.join(dir, 'bin', applet));
    for (const folder of ['proc', 'sys', 'dev', 'etc', 'tmp']) await mkdir(path.join(dir, folder));
    await importRootfs(host, dir, image);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return image;
}
