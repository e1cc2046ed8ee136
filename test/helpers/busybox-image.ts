// A ~2 MB base image made on this machine, since no registry is reachable:
// Debian's static busybox (package busybox-static) with a link per applet,
// imported with `docker import`. Idempotent: an existing image is kept.
//
//   await ensureBusyboxImage(engine.endpoint);   // then: docker run berth-test/busybox sh -c '…'

import { execFile, spawn } from 'node:child_process';
import { chmod, copyFile, mkdir, mkdtemp, open, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const busyboxImage = 'berth-test/busybox:latest';
const busyboxPath = '/bin/busybox';

/** A dynamic busybox (package `busybox`) would build an image that cannot start. */
async function isStaticElf(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const header = Buffer.alloc(64);
    await handle.read(header, 0, 64, 0);
    if (header.toString('latin1', 0, 4) !== '\x7fELF' || header[4] !== 2) {
      throw new Error(`${file} is not a 64-bit ELF executable`);
    }
    const phoff = Number(header.readBigUInt64LE(0x20));
    const phentsize = header.readUInt16LE(0x36);
    const phnum = header.readUInt16LE(0x38);
    const table = Buffer.alloc(phentsize * phnum);
    await handle.read(table, 0, table.length, phoff);
    for (let i = 0; i < phnum; i++) {
      const PT_INTERP = 3;
      if (table.readUInt32LE(i * phentsize) === PT_INTERP) return false;
    }
    return true;
  } finally {
    await handle.close();
  }
}

async function imageExists(host: string, image: string): Promise<boolean> {
  try {
    await execFileAsync('docker', ['-H', host, 'image', 'inspect', '--format', '{{.Id}}', image]);
    return true;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    if (/no such image/i.test(stderr)) return false;
    throw new Error(`docker image inspect ${image} failed: ${stderr || String(error)}`, {
      cause: error,
    });
  }
}

async function buildRootfs(dir: string): Promise<void> {
  const bin = path.join(dir, 'bin');
  await mkdir(bin, { recursive: true });
  await copyFile(busyboxPath, path.join(bin, 'busybox'));
  const { stdout } = await execFileAsync(busyboxPath, ['--list']);
  const applets = stdout.split('\n').filter((a) => a && a !== 'busybox' && !a.includes('/'));
  for (const applet of applets) await symlink('busybox', path.join(bin, applet));
  for (const folder of ['etc', 'root', 'tmp', 'var/www', 'proc', 'sys', 'dev']) {
    await mkdir(path.join(dir, folder), { recursive: true });
  }
  await chmod(path.join(dir, 'tmp'), 0o1777);
  await writeFile(
    path.join(dir, 'etc/passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n',
  );
  await writeFile(path.join(dir, 'etc/group'), 'root:x:0:\nnogroup:x:65534:\n');
  await writeFile(path.join(dir, 'var/www/index.html'), 'hello from busybox httpd\n');
}

/** Pipes `tar -C dir -c .` into `docker import`; rejects with either side's stderr. */
export function importRootfs(host: string, dir: string, image: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const tar = spawn('tar', ['-C', dir, '--numeric-owner', '--owner=0', '--group=0', '-c', '.'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const imp = spawn('docker', ['-H', host, 'import', '-c', 'CMD ["/bin/sh"]', '-', image], {
      stdio: ['pipe', 'ignore', 'pipe'],
    });
    let stderr = '';
    tar.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    imp.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    tar.stdout.pipe(imp.stdin);
    tar.on('error', reject);
    imp.on('error', reject);
    imp.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`docker import ${image} failed (exit ${code}): ${stderr.trim()}`));
    });
  });
}

/**
 * Makes `image` on the engine at `host` (`unix:///…`) unless it exists.
 * Uses the first `docker` on PATH (the 28.x CLI here).
 */
export async function ensureBusyboxImage(host: string, image = busyboxImage): Promise<string> {
  if (await imageExists(host, image)) return image;
  try {
    if (!(await isStaticElf(busyboxPath))) {
      throw new Error(`${busyboxPath} is dynamically linked: apt-get install busybox-static`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${busyboxPath} not found: apt-get install busybox-static`, { cause: error });
    }
    throw error;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'berth-busybox-'));
  try {
    await buildRootfs(dir);
    await importRootfs(host, dir, image);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return image;
}
