// Where the VM image is cached and under which name: a pure function of the
// recipe's files, so that any change under native/vm/ builds a new image and
// an unchanged recipe boots the cached one at once.
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export type VmArch = 'amd64' | 'arm64';

export interface RecipeFile {
  /** Relative to native/vm/, with `/` separators. */
  path: string;
  content: Uint8Array | string;
}

/** 16 hex digits of a sha256 over every file's path and content, in path order. */
export function recipeKey(files: readonly RecipeFile[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const content = typeof file.content === 'string' ? Buffer.from(file.content) : file.content;
    // Lengths keep path/content boundaries unambiguous ("ab"+"c" is not "a"+"bc").
    hash.update(`${Buffer.byteLength(file.path)}:${file.path}:${content.byteLength}:`);
    hash.update(content);
  }
  return hash.digest('hex').slice(0, 16);
}

/** `$BERTH_VM_CACHE`, else `$XDG_CACHE_HOME/berth/vm-images`, else `~/.cache/berth/vm-images`. */
export function vmCacheRoot(
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): string {
  if (env.BERTH_VM_CACHE) return env.BERTH_VM_CACHE;
  const cache = env.XDG_CACHE_HOME || join(home, '.cache');
  return join(cache, 'berth', 'vm-images');
}

/** The folder of one built image inside the cache root. */
export function imageFolderName(arch: VmArch, key: string): string {
  return `${arch}-${key}`;
}

/**
 * Image folders of `arch` to delete: not `current`, not among the `keep` newest
 * others, and built over a day before `nowMs` (another clone's test run may
 * still be booting a recent one).
 */
export function staleImageFolders(
  folders: readonly { name: string; mtimeMs: number }[],
  arch: VmArch,
  current: string,
  nowMs: number,
  keep = 2,
): string[] {
  const pattern = new RegExp(`^${arch}-[0-9a-f]{16}$`);
  const dayMs = 24 * 60 * 60_000;
  return folders
    .filter((f) => pattern.test(f.name) && f.name !== current)
    .sort((a, b) => b.mtimeMs - a.mtimeMs)
    .slice(keep)
    .filter((f) => nowMs - f.mtimeMs > dayMs)
    .map((f) => f.name);
}
