// `docker cp FILE NAME:FOLDER` sends the engine a tar, so a plain file is
// wrapped into a one-entry tar on the way: its bytes stream through (the tar
// header needs the size first, which the face knows: a Blob's length, a file's
// stat), never held whole.
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as tar from 'tar-stream';
import { ContractError } from '../../../contract/errors.ts';

/** The name an uploaded file keeps: its last path component, nothing that climbs out of the folder. */
export function uploadEntryName(name: string | null): string {
  const base = (name ?? '').split(/[/\\]/).findLast((part) => part !== '') ?? '';
  if (!base || base === '.' || base === '..' || base.includes('\0') || base.length > 255) {
    throw new ContractError({
      kind: 'bad-request',
      message: `Couldn't upload: ${base ? `"${base}" is not a file name` : 'the file has no name'}.`,
      hint: 'Upload a file with an ordinary name.',
    });
  }
  return base;
}

export function wrapFileAsTar(
  body: Readable,
  file: { name: string; size: number; mtime?: Date },
): Readable {
  const pack = tar.pack();
  const sink = pack.entry(
    {
      name: file.name,
      size: file.size,
      mode: 0o644,
      mtime: file.mtime ?? new Date(),
      type: 'file',
    },
    (err) => (err ? pack.destroy(err) : pack.finalize()),
  );
  const out = new PassThrough();
  // A body shorter or longer than its size fails the entry ("size mismatch"),
  // and so the tar: the engine then sees a cut request, never a short file.
  pack.on('error', (err: Error) => out.destroy(err));
  pipeline(body, sink).catch((err: unknown) => pack.destroy(err as Error));
  pack.pipe(out);
  return out;
}
