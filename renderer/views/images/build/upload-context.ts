// A picked browser folder as a build context: measured here (the server has
// not seen it yet), then sent through the transfer route, whose answer is the
// folder on Berth's machine that `images.build` then builds.
import {
  LARGE_CONTEXT_BYTES,
  LARGE_CONTEXT_FILES,
} from '../../../../electron/contract/image-build-channels.ts';
import { browserFiles } from '../../../client/browser-files.ts';
import { getClient } from '../../../client/contract-client.ts';
import { folderTar, type PickedFile } from './folder-tar.ts';

export interface PickedFolder {
  folder: string;
  files: PickedFile[];
}

export function pickedSummary(picked: PickedFolder, dockerfile: string) {
  const bytes = picked.files.reduce((sum, f) => sum + f.blob.size, 0);
  const wanted = (dockerfile.trim() || 'Dockerfile').replace(/^\.\//, '');
  return {
    files: picked.files.length,
    bytes,
    large: bytes > LARGE_CONTEXT_BYTES || picked.files.length > LARGE_CONTEXT_FILES,
    dockerfilePresent: picked.files.some((f) => f.path === wanted),
  };
}

/** Uploads the folder; answers where it now is on Berth's machine. */
export async function uploadContext(picked: PickedFolder): Promise<string> {
  const tar = folderTar(picked.files);
  const ticket = await getClient().call('transfers.open', {
    kind: 'images.buildContextUpload',
    args: {},
  });
  const { context } = (await browserFiles.upload(ticket, tar)) as { context: string };
  return context;
}
