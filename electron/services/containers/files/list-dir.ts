// One folder of a container, for the Files tab's tree. A running container
// with `ls` is asked with an exec (`ls -lan --full-time`, which GNU ls and
// busybox both understand): it reads one level, whatever lies below. Where no
// exec can run (the container is stopped or paused) or the image has no `ls`,
// the archive API answers instead (archive-listing.ts says why it is capped).
// An exec's output is parsed, so names are as printed; the archive is exact
// but streams the folder's whole subtree.
import type Docker from 'dockerode';
import { PassThrough, type Readable } from 'node:stream';
import type { DirListing } from '../../../contract/container-files-channels.ts';
import { ContractError } from '../../../contract/errors.ts';
import { toErrorEnvelope } from '../../engine-errors.ts';
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
  let exec: Docker.Exec;
  try {
    exec = await calls.getContainer(id).exec({
      Cmd: ['ls', '-lan', '--full-time', '--', folder],
      AttachStdout: true,
      AttachStderr: true,
      // Names printed as they are, dates in one format.
      Env: ['LC_ALL=C', 'QUOTING_STYLE=literal', 'TZ=UTC'],
    });
  } catch (err) {
    // 409: not running, or paused; anything else (no such container) is the answer.
    if ((err as { statusCode?: number }).statusCode === 409) return null;
    throw new ContractError(toErrorEnvelope(err, `Couldn't list ${folder}`));
  }
  const { stdout, stderr, truncated } = await collect(
    streams,
    await streams.getExec(exec.id).start({ hijack: true, stdin: false }),
  );
  const { ExitCode } = await calls.getExec(exec.id).inspect();
  // 126/127: the runtime found no ls to run.
  if (ExitCode === 126 || ExitCode === 127) return null;
  const entries = parseLsListing(stdout);
  if (ExitCode !== 0 && entries.length === 0) {
    const said = stderr.trim() || stdout.trim() || `ls exited with ${ExitCode}`;
    throw new ContractError({
      kind: /No such file|not found/i.test(said) ? 'not-found' : 'engine',
      message: `Couldn't list ${folder}: ${said}`,
      engineMessage: said,
    });
  }
  return { entries, truncated };
}

/** Reads an exec's framed output to its end, or to the cap (then stops reading). */
async function collect(
  docker: Docker,
  stream: NodeJS.ReadableStream,
): Promise<{ stdout: string; stderr: string; truncated: boolean }> {
  const out = new PassThrough();
  const err = new PassThrough();
  docker.modem.demuxStream(stream, out, err);
  const chunks: Buffer[] = [];
  const errChunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  out.on('data', (c: Buffer) => {
    if (size + c.length > MAX_LS_BYTES) {
      truncated = true;
      (stream as Readable).destroy();
      return;
    }
    size += c.length;
    chunks.push(c);
  });
  err.on('data', (c: Buffer) => errChunks.length < 64 && errChunks.push(c));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      (stream as Readable).destroy();
      reject(
        new ContractError({
          kind: 'timeout',
          message: `ls did not finish within ${LS_DEADLINE_MS / 1000} s (a hung mount?).`,
        }),
      );
    }, LS_DEADLINE_MS);
    const done = () => (clearTimeout(timer), resolve());
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', (e: Error) => (clearTimeout(timer), truncated ? resolve() : reject(e)));
  });
  let stdout = Buffer.concat(chunks).toString('utf8');
  // A cut listing ends mid-line: keep whole lines only.
  if (truncated) stdout = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
  return { stdout, stderr: Buffer.concat(errChunks).toString('utf8'), truncated };
}
