// Sizes for `docker diff`, which gives paths and kinds only. Each added or
// changed path is stat'ed through the archive API's HEAD (the engine answers
// from the container's filesystem whether it runs or not, and reads no file
// body); what the diff lists there is the copy in the writable layer. Only
// regular files get a size: a folder's 4096 says nothing about what it holds.
import type Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import type { FileChange } from '../../../contract/container-files-channels.ts';

/** Past this many paths (a package install) the rest are listed without sizes. */
export const MAX_SIZED = 2_000;
/** HEADs in flight at once: quick on a local socket, and the engine is not flooded. */
const PARALLEL = 8;
/** Go's os.ModeType: directory, symlink, pipe, socket, device, char device, irregular. */
const GO_MODE_TYPE =
  (1 << 31) | (1 << 27) | (1 << 25) | (1 << 24) | (1 << 26) | (1 << 21) | (1 << 19);

interface PathStat {
  size: number;
  mode: number;
}

/** The engine's stat of one path, or null when it is gone (deleted since the diff). */
export async function statPath(docker: Docker, id: string, path: string): Promise<PathStat | null> {
  let res: IncomingMessage;
  try {
    res = (await docker.getContainer(id).infoArchive({ path })) as IncomingMessage;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return null;
    throw err;
  }
  res.resume();
  const header = res.headers['x-docker-container-path-stat'];
  if (typeof header !== 'string') return null;
  const stat = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as Partial<PathStat>;
  return typeof stat.size === 'number' && typeof stat.mode === 'number'
    ? { size: stat.size, mode: stat.mode }
    : null;
}

/** `changes` with `size` on each regular file added or changed (the first MAX_SIZED of them). */
export async function withSizes(
  docker: Docker,
  id: string,
  changes: FileChange[],
): Promise<FileChange[]> {
  const wanted = changes.filter((c) => c.kind !== 'deleted').slice(0, MAX_SIZED);
  const sizes = new Map<string, number>();
  let next = 0;
  const worker = async () => {
    while (next < wanted.length) {
      const { path } = wanted[next++]!;
      const stat = await statPath(docker, id, path);
      if (stat && (stat.mode & GO_MODE_TYPE) === 0) sizes.set(path, stat.size);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return changes.map((c) => {
    const size = sizes.get(c.path);
    return size === undefined ? c : { ...c, size };
  });
}
