// One folder of a container, for the Files tab's tree. A running container
// with `ls` is asked with an exec (`ls -lan --full-time`, which GNU ls and
// busybox both understand): it reads one level, whatever lies below. Where no
// exec can run (the container is stopped or paused) or the image has no `ls`,
// the archive API answers instead (archive-listing.ts says why it is capped).
// An exec's output is parsed, so names are as printed; the archive is exact
// but streams the folder's whole subtree.
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type { DirListing } from '../../../contract/container-files-channels.ts';
import { ContractError } from '../../../contract/errors.ts';
import { toErrorEnvelope } from '../../engine-errors.ts';
import { execCapture, type ExecResult } from '../exec-capture.ts';
import { listFromArchive } from './archive-listing.ts';
import { parseLsListing } from './ls-listing.ts';

/** ls's output for one folder; past this the listing is cut (and says so). */
const MAX_LS_BYTES = 8 << 20;
/** An ls stuck on a hung mount must not hold the page's call open forever. */
const LS_DEADLINE_MS = 20_000;

interface Clients {
  calls: Docker;
  streams: Docker;
}

export async function listDir(clients: Clients, id: string, path: string): Promise<DirListing> {
  // The trailing slash follows a link to a folder (/bin -> usr/bin), as a tree expects.
  const folder = path.endsWith('/') ? path : `${path}/`;
  const viaLs = await listWithLs(clients, id, folder);
  if (viaLs) return { path, source: 'ls', ...viaLs };
  try {
    const source = (await clients.streams
      .getContainer(id)
      .getArchive({ path: folder })) as Readable;
    return { path, source: 'archive', ...(await listFromArchive(source)) };
  } catch (err) {
    throw new ContractError(toErrorEnvelope(err, `Couldn't list ${path}`));
  }
}

/** ls's listing, or null where no ls can run (the archive API answers then). */
async function listWithLs(
  { calls, streams }: Clients,
  id: string,
  folder: string,
): Promise<Omit<DirListing, 'path' | 'source'> | null> {
  let ls: ExecResult;
  try {
    ls = await execCapture(calls, id, ['ls', '-lan', '--full-time', '--', folder], {
      // Names printed as they are, dates in one format.
      env: ['LC_ALL=C', 'QUOTING_STYLE=literal', 'TZ=UTC'],
      streams,
      maxBytes: MAX_LS_BYTES,
      deadline: {
        ms: LS_DEADLINE_MS,
        message: `ls did not finish within ${LS_DEADLINE_MS / 1000} s (a hung mount?).`,
      },
    });
  } catch (err) {
    if (err instanceof ContractError) throw err;
    // 409: not running, or paused; anything else (no such container) is the answer.
    if ((err as { statusCode?: number }).statusCode === 409) return null;
    throw new ContractError(toErrorEnvelope(err, `Couldn't list ${folder}`));
  }
  const { exitCode, stdout, stderr, truncated } = ls;
  // 126/127: the runtime found no ls to run.
  if (exitCode === 126 || exitCode === 127) return null;
  const entries = parseLsListing(stdout);
  if (exitCode !== 0 && entries.length === 0) {
    const said = stderr.trim() || stdout.trim() || `ls exited with ${exitCode}`;
    throw new ContractError({
      kind: /No such file|not found/i.test(said) ? 'not-found' : 'engine',
      message: `Couldn't list ${folder}: ${said}`,
      engineMessage: said,
    });
  }
  return { entries, truncated };
}
