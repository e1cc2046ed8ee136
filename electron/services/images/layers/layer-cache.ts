// The analysis cache on disk: each layer's file list by its diffID (so any
// image sharing the layer finds it), and each image's analysis by its id.
// Files are written to a temporary name and renamed, so a crash or a failed
// read never leaves half a file where a reader looks; the folders are made on
// every write, so deleting the cache while the app runs only costs a re-read.
// The total size is bounded: the least recently used files go first (a read
// touches a file's mtime).
import {
  mkdir,
  readdir,
  readFile,
  rename,
  stat,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import type { ImageAnalysis } from '../../../contract/image-layers-channels.ts';
import { isStoredLayerList, type StoredLayerList } from './layer-list.ts';

/** Layer lists are ~100 bytes per path: this keeps a few million paths. */
export const DEFAULT_CACHE_BYTES = 512 << 20;

const DIGEST = /^sha256:([0-9a-f]{64})$/;

function hexOf(digest: string): string {
  const match = DIGEST.exec(digest);
  if (!match) throw new Error(`not a sha256 digest: ${digest}`);
  return match[1]!;
}

export class LayerCache {
  readonly root: string;
  readonly maxBytes: number;

  constructor(root: string, maxBytes = DEFAULT_CACHE_BYTES) {
    this.root = root;
    this.maxBytes = maxBytes;
  }

  #layerPath(diffId: string): string {
    return join(this.root, 'layers', `${hexOf(diffId)}.json`);
  }

  #imagePath(imageId: string): string {
    return join(this.root, 'images', `${hexOf(imageId)}.json`);
  }

  async readLayer(diffId: string): Promise<StoredLayerList | undefined> {
    const parsed = await this.#read(this.#layerPath(diffId));
    return isStoredLayerList(parsed) ? parsed : undefined;
  }

  async hasLayer(diffId: string): Promise<boolean> {
    try {
      await stat(this.#layerPath(diffId));
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async writeLayer(diffId: string, list: StoredLayerList): Promise<void> {
    await this.#write(this.#layerPath(diffId), JSON.stringify(list));
  }

  async readImage(imageId: string): Promise<ImageAnalysis | undefined> {
    const parsed = (await this.#read(this.#imagePath(imageId))) as ImageAnalysis | undefined;
    return parsed && parsed.imageId === imageId && Array.isArray(parsed.layers)
      ? parsed
      : undefined;
  }

  async writeImage(analysis: ImageAnalysis): Promise<void> {
    await this.#write(this.#imagePath(analysis.imageId), JSON.stringify(analysis));
  }

  /** Deletes the least recently used files until the cache fits its bound. */
  async evict(): Promise<void> {
    const files: { path: string; size: number; used: number }[] = [];
    for (const folder of ['layers', 'images']) {
      let names: string[];
      try {
        names = await readdir(join(this.root, folder));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      for (const name of names) {
        const path = join(this.root, folder, name);
        try {
          const s = await stat(path);
          files.push({ path, size: s.size, used: s.mtimeMs });
        } catch (error) {
          // Gone since readdir (another eviction, or the folder deleted): nothing to count.
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
    }
    let total = files.reduce((sum, f) => sum + f.size, 0);
    files.sort((a, b) => a.used - b.used);
    for (const file of files) {
      if (total <= this.maxBytes) break;
      await unlink(file.path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
      total -= file.size;
    }
  }

  async #read(path: string): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const now = new Date();
    // Marks the file as used, for eviction; one evicted meanwhile needs no mark.
    await utimes(path, now, now).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    try {
      return JSON.parse(text);
    } catch {
      // Not ours or damaged: read as missing, and the next analysis writes it again.
      console.warn(`[layer-cache] ignoring unreadable ${path}`);
      return undefined;
    }
  }

  async #write(path: string, text: string): Promise<void> {
    const folder = join(path, '..');
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    await writeFile(temp, text, { mode: 0o600 });
    await rename(temp, path);
  }
}
