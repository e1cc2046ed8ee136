// Build contexts a browser uploaded (a tar the page made from a folder the
// user picked): unpacked into a private folder on Berth's machine, which the
// `images.build` stream then walks like any other and removes when it ends.
// The tar comes from a page, so it is unpacked defensively: plain files,
// folders and symlinks only; no name that climbs out (`..`, absolute) and
// nothing written through a symlink it made; folders left behind by a build
// that never came are removed after an hour.
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, rmdir, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import { ContractError } from '../../../contract/errors.ts';

const MAX_AGE_MS = 60 * 60 * 1000;

export class UploadedContexts {
  readonly #root: string;

  constructor(root = join(tmpdir(), `berth-build-uploads-${process.pid}`)) {
    this.#root = root;
  }

  /** Is `path` one of ours (so the build removes it when done)? */
  owns(path: string): boolean {
    return path.startsWith(this.#root + sep);
  }

  async release(path: string): Promise<void> {
    if (!this.owns(path)) return;
    await rm(path, { recursive: true, force: true });
    // The last one out takes the root too (rmdir refuses while another is there).
    await rmdir(this.#root).catch(() => undefined);
  }

  /** Unpacks an uploaded tar; answers the folder to build. */
  async receive(body: Readable): Promise<{ context: string }> {
    await this.#sweep();
    const folder = join(this.#root, randomBytes(12).toString('hex'));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    try {
      await unpack(body, folder);
    } catch (err) {
      await rm(folder, { recursive: true, force: true });
      throw err;
    }
    return { context: folder };
  }

  async #sweep(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.#root);
    } catch {
      return; // nothing uploaded yet
    }
    const now = Date.now();
    for (const name of names) {
      const path = join(this.#root, name);
      const info = await stat(path).catch(() => null);
      if (info && now - info.mtimeMs > MAX_AGE_MS) await rm(path, { recursive: true, force: true });
    }
  }
}

/** The one instance both the transfer route and the build stream use. */
export const uploadedContexts = new UploadedContexts();

function refuse(why: string): never {
  throw new ContractError({
    kind: 'bad-request',
    message: `Couldn't take the uploaded folder: ${why}.`,
    hint: 'Pick the folder again; Berth makes the archive itself.',
  });
}

/** The entry's path under `folder`, or a refusal when it would land anywhere else. */
function placeOf(folder: string, name: string, links: Set<string>): string {
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  if (name.startsWith('/') || parts.some((p) => p === '..' || p.includes('\\') || p.includes('\0')))
    refuse(`${JSON.stringify(name)} points outside the folder`);
  if (parts.length === 0) return folder;
  for (let i = 1; i < parts.length; i++) {
    if (links.has(parts.slice(0, i).join('/')))
      refuse(`${JSON.stringify(name)} goes through a link`);
  }
  return join(folder, ...parts);
}

async function unpack(body: Readable, folder: string): Promise<void> {
  const extract = tar.extract();
  const links = new Set<string>();
  const done = pipeline(body, extract as unknown as NodeJS.WritableStream);
  // Leaving the loop early (a refused entry) ends the pipeline too; that failure is the refusal's.
  done.catch(() => undefined);
  for await (const entry of extract) {
    const { header } = entry;
    const key = header.name
      .split('/')
      .filter((p) => p !== '' && p !== '.')
      .join('/');
    const path = placeOf(folder, header.name, links);
    const mode = (header.mode ?? 0o644) & 0o777;
    if (header.type === 'directory') {
      await mkdir(path, { recursive: true });
      entry.resume();
    } else if (header.type === 'file') {
      await mkdir(dirname(path), { recursive: true });
      await pipeline(entry, createWriteStream(path, { mode, flags: 'wx' }));
    } else if (header.type === 'symlink' && header.linkname) {
      await mkdir(dirname(path), { recursive: true });
      await symlink(header.linkname, path);
      links.add(key);
      entry.resume();
    } else {
      refuse(`${JSON.stringify(header.name)} is a ${header.type ?? 'special'} entry`);
    }
  }
  await done;
}
