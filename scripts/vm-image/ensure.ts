// Builds the VM image with native/vm/build.sh, or reuses the one cached for the
// same recipe. A lock file holding the builder's pid keeps two runs (two test
// runs, a test run and `npm run vm-image`) from building at once; a lock whose
// process is gone is taken over.
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  imageFolderName,
  recipeKey,
  staleImageFolders,
  vmCacheRoot,
  type RecipeFile,
  type VmArch,
} from './key.ts';

export const recipeDir = fileURLToPath(new URL('../../native/vm/', import.meta.url));
export const imageFiles = ['vmlinuz', 'initramfs.img', 'manifest.json'] as const;

const lockWaitMs = 20 * 60_000;

function recipeFiles(dir: string): RecipeFile[] {
  const files: RecipeFile[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.push({ path: relative(dir, full).split(sep).join('/'), content: readFileSync(full) });
  }
  return files;
}

function isComplete(folder: string): boolean {
  return imageFiles.every((name) => existsSync(join(folder, name)));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a lock file (0: not written yet); 'stale' when that process is gone, 'gone' when the file is. */
function lockHolder(lock: string): number | 'stale' | 'gone' {
  let text: string;
  let mtimeMs: number;
  try {
    text = readFileSync(lock, 'utf8').trim();
    mtimeMs = statSync(lock).mtimeMs;
  } catch {
    return 'gone';
  }
  const pid = Number(text);
  // An empty lock may be one whose pid is being written: stale only once it is old.
  if (!text || !Number.isInteger(pid) || pid <= 0)
    return Date.now() - mtimeMs > 10_000 ? 'stale' : 0;
  return alive(pid) ? pid : 'stale';
}

/** Creates the lock file with this process's pid; false when another holds it. */
function tryLock(lock: string): boolean {
  try {
    const fd = openSync(lock, 'wx');
    writeSync(fd, String(process.pid));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function withLock<T>(lock: string, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + lockWaitMs;
  while (!tryLock(lock)) {
    const holder = lockHolder(lock);
    if (holder === 'gone') continue;
    if (holder === 'stale') {
      rmSync(lock, { force: true });
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(
        `The VM image is still being built by another run (pid ${holder || '?'}, lock ${lock}).`,
      );
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { force: true });
  }
}

function runBuild(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // The build's own output goes to stderr: stdout carries only the folder.
    const child = spawn('bash', [join(recipeDir, 'build.sh'), ...args], {
      stdio: ['ignore', process.stderr, process.stderr],
    });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `native/vm/build.sh failed (${signal ?? `exit ${code}`}); see its output above.`,
            ),
          ),
    );
  });
}

export interface EnsureOptions {
  arch?: VmArch;
  env?: Readonly<Record<string, string | undefined>>;
  log?: (line: string) => void;
}

/** The folder holding vmlinuz, initramfs.img and manifest.json for the current recipe. */
export async function ensureVmImage(options: EnsureOptions = {}): Promise<string> {
  const arch = options.arch ?? 'amd64';
  const log = options.log ?? ((line: string) => console.error(line));
  const root = vmCacheRoot(options.env ?? process.env, homedir());
  const name = imageFolderName(arch, recipeKey(recipeFiles(recipeDir)));
  const folder = join(root, name);
  if (isComplete(folder)) return folder;
  mkdirSync(root, { recursive: true });
  return withLock(join(root, `${name}.lock`), async () => {
    if (isComplete(folder)) return folder; // built by the run we waited for
    const partial = `${folder}.partial`;
    rmSync(partial, { recursive: true, force: true });
    log(`Building the ${arch} VM image (${name}) in ${root}…`);
    const started = Date.now();
    await runBuild(['--arch', arch, '--out', partial, '--debs', join(root, `debs-${arch}`)]);
    renameSync(partial, folder);
    log(`VM image built in ${Math.round((Date.now() - started) / 1000)} s.`);
    const others = readdirSync(root).map((entry) => ({
      name: entry,
      mtimeMs: statSync(join(root, entry)).mtimeMs,
    }));
    for (const stale of staleImageFolders(others, arch, name, Date.now()))
      rmSync(join(root, stale), { recursive: true, force: true });
    return folder;
  });
}
