// `docker cp` through the archive API: out, the engine's tar of a path as it
// streams; in, a tar (or a file wrapped into one) PUT into a folder. Refusals
// keep the engine's words: a missing folder ("Could not find the file …"), a
// read-only one ("container rootfs is marked read-only", "mounted volume is
// marked read-only").
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import { ContractError } from '../../../contract/errors.ts';
import { toErrorEnvelope } from '../../engine-errors.ts';
import type { UploadedFile } from '../../transfers/transfer-kinds.ts';
import { uploadEntryName, wrapFileAsTar } from './file-tar.ts';

interface CopyArgs {
  id: string;
  path: string;
}

/** Before a ticket: the container is there, and so is the path (HEAD /archive). */
export async function checkCopyOut(docker: Docker, { id, path }: CopyArgs): Promise<void> {
  const container = docker.getContainer(id);
  try {
    await container.inspect();
  } catch (err) {
    throw new ContractError(toErrorEnvelope(err, `Couldn't copy from ${id}`));
  }
  try {
    await container.infoArchive({ path });
  } catch (err) {
    // A HEAD answer has no body, so no engine words to keep: only its status.
    if ((err as { statusCode?: number }).statusCode === 404) {
      throw new ContractError({
        kind: 'not-found',
        message: `Couldn't copy ${path} from ${id}: there is no such file or folder.`,
      });
    }
    throw new ContractError(toErrorEnvelope(err, `Couldn't copy ${path} from ${id}`));
  }
}

export async function copyOut(docker: Docker, { id, path }: CopyArgs): Promise<Readable> {
  return (await docker.getContainer(id).getArchive({ path })) as Readable;
}

/** The folder is checked by the PUT itself, so its refusal comes in the engine's words. */
export async function checkCopyIn(docker: Docker, { id }: CopyArgs): Promise<void> {
  try {
    await docker.getContainer(id).inspect();
  } catch (err) {
    throw new ContractError(toErrorEnvelope(err, `Couldn't copy into ${id}`));
  }
}

export async function copyIn(
  docker: Docker,
  { id, path, tar }: CopyArgs & { tar?: boolean },
  body: Readable,
  file: UploadedFile,
): Promise<{ path: string }> {
  let archive = body;
  let written = path;
  if (!tar) {
    const name = uploadEntryName(file.name);
    if (file.size === null) {
      throw new ContractError({
        kind: 'bad-request',
        message: `Couldn't upload ${name}: its size is not known.`,
        hint: 'Upload it again from the file chooser.',
      });
    }
    archive = wrapFileAsTar(body, { name, size: file.size });
    written = `${path.replace(/\/+$/, '')}/${name}`;
  }
  try {
    await docker.getContainer(id).putArchive(archive, { path });
  } catch (err) {
    const envelope = toErrorEnvelope(err, `Couldn't copy into ${path}`);
    throw new ContractError({
      ...envelope,
      hint: /read-only/.test(envelope.engineMessage ?? '')
        ? 'That folder is read-only in this container: pick a writable one (/tmp is usually writable).'
        : /Could not find|no such/i.test(envelope.engineMessage ?? '')
          ? 'Pick a folder that exists in the container.'
          : envelope.hint,
    });
  } finally {
    body.resume(); // a refused PUT leaves the rest of the body unread: let it drain
  }
  return { path: written };
}
