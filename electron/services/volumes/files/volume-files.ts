// A volume's files through a helper container (helper-container.ts): a folder
// listed from the archive API's tar (the container Files tab's archive
// listing), a file or folder downloaded as `docker cp` gives it, a file
// uploaded into a folder, the whole volume exported as a tar of its root and
// a tar imported into it. Bytes stream end to end; a download's helper is
// removed when its stream closes (read to the end, failed or cancelled), an
// upload's when the engine has answered.
import type Docker from 'dockerode';
import type { Readable } from 'node:stream';
import type { CallHandlers } from '../../../contract/channels.ts';
import type { DirListing } from '../../../contract/container-files-channels.ts';
import { ContractError } from '../../../contract/errors.ts';
import { HELPER_MOUNT } from '../../../contract/volume-files-channels.ts';
import { toErrorEnvelope } from '../../engine-errors.ts';
import { listFromArchive } from '../../containers/files/archive-listing.ts';
import { copyIn } from '../../containers/files/container-copy.ts';
import type {
  DownloadHandler,
  UploadedFile,
  UploadHandler,
} from '../../transfers/transfer-kinds.ts';
import { pickHelperImage, requireHelperImage } from './helper-image.ts';
import { createHelper, requireVolume, withHelper, type Helper } from './helper-container.ts';
import { requireTarHead } from './tar-head.ts';

interface Clients {
  /** With the 15 s timeout: checks, create and remove. */
  calls: Docker;
  /** Without one: the archive's bytes, however long they take. */
  streams: Docker;
}

export function volumeFileHandlers(
  clients: () => Clients,
): Pick<CallHandlers, 'volumes.listDir' | 'volumes.helperImage'> {
  return {
    'volumes.listDir': ({ name, path }) => listVolumeDir(clients(), name, path),
    'volumes.helperImage': async () => ({
      image: pickHelperImage(await clients().calls.listImages()),
    }),
  };
}

export async function listVolumeDir(
  { calls, streams }: Clients,
  name: string,
  path: string,
): Promise<DirListing> {
  return withHelper(calls, name, 'read', async (helper) => {
    // The trailing slash: the folder's own entry comes first, under its base name.
    const folder = helper.pathOf(path.endsWith('/') ? path : `${path}/`);
    try {
      const source = (await streams
        .getContainer(helper.id)
        .getArchive({ path: folder })) as Readable;
      return { path, source: 'archive', ...(await listFromArchive(source)) };
    } catch (err) {
      throw refusal(err, `Couldn't list ${path} in the volume ${name}`, 'folder');
    }
  });
}

/** Before a ticket: the volume exists and a helper can be made for it. */
async function checkVolume(calls: Docker, name: string): Promise<void> {
  await requireVolume(calls, name);
  await requireHelperImage(calls, name);
}

/** The archive of one path of the volume, its helper removed once the stream closes. */
async function download(clients: Clients, name: string, path: string): Promise<Readable> {
  const helper = await createHelper(clients.calls, name, 'read');
  let source: Readable;
  try {
    source = (await clients.streams
      .getContainer(helper.id)
      .getArchive({ path: helper.pathOf(path) })) as Readable;
  } catch (err) {
    await helper.remove();
    throw refusal(err, `Couldn't read ${path} in the volume ${name}`, 'file or folder');
  }
  const done = () => void helper.remove();
  source.once('close', done);
  source.once('error', done);
  return source;
}

async function upload<T>(
  clients: Clients,
  name: string,
  body: Readable,
  work: (helper: Helper) => Promise<T>,
): Promise<T> {
  try {
    return await withHelper(clients.calls, name, 'write', work);
  } finally {
    body.resume(); // a refused PUT leaves the rest of the body unread: let it drain
  }
}

export function volumeTransferHandlers(clients: () => Clients): {
  'volumes.copyOut': DownloadHandler<{ name: string; path: string }>;
  'volumes.copyIn': UploadHandler<{ name: string; path: string }, { path: string }>;
  'volumes.export': DownloadHandler<{ name: string }>;
  'volumes.import': UploadHandler<{ name: string }, { volume: string }>;
} {
  return {
    'volumes.copyOut': {
      direction: 'download',
      check: ({ name }) => checkVolume(clients().calls, name),
      open: ({ name, path }) => download(clients(), name, path),
    },
    'volumes.copyIn': {
      direction: 'upload',
      check: ({ name }) => checkVolume(clients().calls, name),
      consume: ({ name, path }, body, file: UploadedFile) =>
        upload(clients(), name, body, async (helper) => {
          try {
            const done = await copyIn(
              clients().streams,
              { id: helper.id, path: helper.pathOf(path) },
              body,
              file,
            );
            return { path: done.path.slice(HELPER_MOUNT.length) || '/' };
          } catch (err) {
            throw refusal(err, `Couldn't upload into ${path} in the volume ${name}`, 'folder');
          }
        }),
    },
    'volumes.export': {
      direction: 'download',
      check: ({ name }) => checkVolume(clients().calls, name),
      // `/v/.`: the entries are `./a.txt`, so the tar unpacks into any folder, or back into a volume.
      open: ({ name }) => download(clients(), name, '/.'),
    },
    'volumes.import': {
      direction: 'upload',
      check: ({ name }) => checkVolume(clients().calls, name),
      consume: async ({ name }, body) => {
        // Before any helper: a file that is no tar never reaches the volume.
        await requireTarHead(body, `the volume ${name}`);
        return upload(clients(), name, body, async (helper) => {
          try {
            await clients()
              .streams.getContainer(helper.id)
              .putArchive(body, { path: HELPER_MOUNT });
          } catch (err) {
            throw new ContractError({
              ...toErrorEnvelope(err, `Couldn't import into the volume ${name}`),
              hint: 'The tar may be damaged or cut short: files before the damage were written.',
            });
          }
          return { volume: name };
        });
      },
    },
  };
}

/** The engine's refusal, its helper path told as the volume's, with what to do. */
function refusal(err: unknown, doing: string, what: string): ContractError {
  const envelope = toErrorEnvelope(err, doing);
  const missing =
    envelope.status === 404 || /Could not find|no such/i.test(envelope.engineMessage ?? '');
  if (!missing) return err instanceof ContractError ? err : new ContractError(envelope);
  return new ContractError({
    ...envelope,
    kind: 'not-found',
    message: `${doing}: there is no such ${what}.`,
    hint: 'It may have been removed meanwhile: read the folder again.',
  });
}
