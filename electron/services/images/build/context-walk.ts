// What `docker build` would send as its context, found the way the CLI finds
// it: every path under the folder unless .dockerignore excludes it (the CLI's
// own pattern rules, `!` exceptions included, through @balena/dockerignore,
// the library dockerode uses). As the CLI does, the Dockerfile and the
// .dockerignore are sent even when excluded (the engine then leaves them out
// of COPY), a Dockerfile outside the folder goes in under a generated name,
// and every file is opened once first, so an unreadable one stops the build
// before a byte is sent rather than halfway through the tar.
import dockerignore from '@balena/dockerignore';
import { randomBytes } from 'node:crypto';
import type { Dirent, Stats } from 'node:fs';
import { lstat, open, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ContractError } from '../../../contract/errors.ts';
import {
  LARGE_CONTEXT_BYTES,
  LARGE_CONTEXT_FILES,
  type BuildContextInfo,
} from '../../../contract/image-build-channels.ts';

export type ContextEntryType = 'file' | 'directory' | 'symlink' | 'fifo';

export interface ContextEntry {
  /** The name in the tar: relative, `/`-separated. */
  name: string;
  /** Where to read it. */
  path: string;
  type: ContextEntryType;
  size: number;
  mode: number;
  mtime: Date;
  linkname?: string;
}

export interface ContextWalk {
  entries: ContextEntry[];
  /** The Dockerfile's name in the tar (the engine's `dockerfile` parameter). */
  dockerfile: string;
  info: BuildContextInfo;
}

const DOCKERIGNORE = '.dockerignore';
/** File system calls in flight at once: enough to keep libuv's threads busy, few enough not to hit the open-files limit. */
const FS_CONCURRENCY = 32;

/** Walks `context` as a build with `dockerfile` (relative to it, or absolute) would. */
export async function walkContext(
  context: string,
  dockerfile = 'Dockerfile',
  opts: { maxEntries?: number } = {},
): Promise<ContextWalk> {
  const maxEntries = opts.maxEntries ?? Infinity;
  let seen = 0;
  const root = resolve(context);
  await requireFolder(root);
  const patterns = await readIgnoreFile(join(root, DOCKERIGNORE));
  // The package is CommonJS with a `default` pointing at itself: the one spelling both Node and the bundler call.
  const rules = dockerignore.default({ ignorecase: false }).add(patterns);
  const exceptions = patterns
    .map((p) => p.trim())
    .filter((p) => p.startsWith('!'))
    .map((p) => p.slice(1).trim().replace(/^\/+/, ''));
  /**
   * An excluded folder is walked only when an exception could match inside it
   * (`!dir/keep`, or a pattern with a wildcard before that depth), as the CLI
   * decides: an excluded node_modules is otherwise never read.
   */
  const mayHoldException = (dir: string) =>
    exceptions.some((p) => p.startsWith(`${dir}/`) || /[*?[\\]/.test(p.slice(0, dir.length + 1)));

  const dockerfilePath = isAbsolute(dockerfile) ? resolve(dockerfile) : resolve(root, dockerfile);
  const dockerfileRel = relative(root, dockerfilePath);
  const outside =
    dockerfileRel === '' || dockerfileRel.startsWith('..') || isAbsolute(dockerfileRel);
  const dockerfileName = outside ? '' : toTarName(dockerfileRel);
  const alwaysSent = new Set([DOCKERIGNORE, dockerfileName]);

  const unreadable: BuildContextInfo['unreadable'] = [];
  const limit = concurrency(FS_CONCURRENCY);
  /** One child of a folder: its entry, then (for a folder) what it holds, depth first. */
  const visit = async (dir: string, child: Dirent): Promise<ContextEntry[]> => {
    const path = join(dir, child.name);
    const name = toTarName(relative(root, path));
    const excluded = !alwaysSent.has(name) && rules.ignores(name);
    if (excluded && !(child.isDirectory() && mayHoldException(name))) return [];
    if (++seen > maxEntries) return [];
    const looked = await limit(() => look(name, path));
    if ('reason' in looked) {
      unreadable.push({ path, reason: looked.reason });
      return [];
    }
    const { entry } = looked;
    if (!entry) return []; // a socket or device: the CLI skips them too
    const inside = entry.type === 'directory' ? await walk(path) : [];
    return excluded ? inside : [entry, ...inside];
  };
  const walk = async (dir: string): Promise<ContextEntry[]> => {
    let children: Dirent[];
    try {
      children = await limit(() => readdir(dir, { withFileTypes: true }));
    } catch (err) {
      unreadable.push({ path: dir, reason: reasonOf(err) });
      return [];
    }
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return (await Promise.all(children.map((child) => visit(dir, child)))).flat();
  };
  const entries = await walk(root);
  unreadable.sort((a, b) => (a.path < b.path ? -1 : 1));

  const present = await isFile(dockerfilePath);
  if (outside && present) {
    const info = await stat(dockerfilePath);
    const name = `.dockerfile.${randomBytes(10).toString('hex')}`;
    entries.push({
      name,
      path: dockerfilePath,
      type: 'file',
      size: info.size,
      mode: 0o644,
      mtime: info.mtime,
    });
  }
  const files = entries.filter((e) => e.type !== 'directory');
  const bytes = files.reduce((sum, e) => sum + (e.type === 'file' ? e.size : 0), 0);
  return {
    entries,
    dockerfile: outside ? (entries.at(-1)?.name ?? '') : dockerfileName,
    info: {
      files: files.length,
      bytes,
      complete: seen <= maxEntries,
      large: bytes > LARGE_CONTEXT_BYTES || files.length > LARGE_CONTEXT_FILES,
      dockerfile: {
        path: dockerfilePath,
        present,
        excluded: !outside && rules.ignores(dockerfileName),
        outside,
      },
      unreadable,
    },
  };
}

async function requireFolder(root: string): Promise<void> {
  let info: Stats;
  try {
    info = await stat(root);
  } catch (err) {
    throw new ContractError({
      kind: 'not-found',
      message: `Couldn't read the context folder ${root}: ${reasonOf(err)}.`,
      hint: 'Give a folder on the machine Berth runs on that holds a Dockerfile.',
    });
  }
  if (!info.isDirectory()) {
    throw new ContractError({
      kind: 'bad-request',
      message: `The context ${root} is not a folder.`,
      hint: 'Give the folder that holds the Dockerfile and the files it copies.',
    });
  }
}

async function readIgnoreFile(path: string): Promise<string[]> {
  try {
    return (await readFile(path, 'utf8')).split(/\r?\n/);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new ContractError({
      kind: 'permission-denied',
      message: `Couldn't read ${path}: ${reasonOf(err)}.`,
    });
  }
}

/** The entry at `path`, opened once when a file (as the CLI does), or why it cannot be read. */
async function look(
  name: string,
  path: string,
): Promise<{ entry: ContextEntry | null } | { reason: string }> {
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (err) {
    return { reason: reasonOf(err) };
  }
  const entry = toEntry(name, path, info);
  if (entry?.type === 'file') {
    const problem = await openProblem(path);
    if (problem) return { reason: problem };
  }
  if (entry?.type === 'symlink') entry.linkname = await readlink(path);
  return { entry };
}

/** Runs at most `n` of the given jobs at a time. */
function concurrency(n: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(job: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await job();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

function toEntry(name: string, path: string, info: Stats): ContextEntry | null {
  const base = { name, path, size: 0, mode: info.mode & 0o7777, mtime: info.mtime };
  if (info.isFile()) return { ...base, type: 'file', size: info.size };
  if (info.isDirectory()) return { ...base, type: 'directory' };
  if (info.isSymbolicLink()) return { ...base, type: 'symlink' };
  if (info.isFIFO()) return { ...base, type: 'fifo' };
  return null;
}

/** Null when the file opens for reading; else why not (as root too: EACCES from a write-only procfs file, EIO…). */
async function openProblem(path: string): Promise<string | null> {
  try {
    const handle = await open(path, 'r');
    await handle.close();
    return null;
  } catch (err) {
    return reasonOf(err);
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false; // absent or unreadable: either way there is no Dockerfile to send
  }
}

function toTarName(rel: string): string {
  return sep === '/' ? rel : rel.split(sep).join('/');
}

function reasonOf(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'ENOENT') return 'no such file or folder';
  return e.message ?? String(err);
}
