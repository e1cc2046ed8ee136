// The short-lived container through which a volume's files are read and
// written: created from a local image with the volume mounted, never started
// (the engine mounts a stopped container's volumes for the archive API), and
// removed once the work is done, also when it fails or is cancelled. Each is
// labelled with its volume and this process's token: a helper left by a run
// that crashed carries another token, and the next helper made removes it.
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import { ContractError } from '../../../contract/errors.ts';
import {
  HELPER_LABEL,
  HELPER_MOUNT,
  HELPER_NAME_PREFIX,
} from '../../../contract/volume-files-channels.ts';
import { toErrorEnvelope } from '../../engine-errors.ts';
import { requireHelperImage } from './helper-image.ts';

/** Which Berth made a helper: this process's are removed by it; others are leftovers. */
export const HELPER_OWNER_LABEL = `${HELPER_LABEL}.owner`;
const OWNER = randomBytes(8).toString('hex');

/** Never run, but the engine wants a command when the image names none (the CLI line shows it too). */
const HELPER_COMMAND = ['true'];

export interface Helper {
  id: string;
  /** Where the volume is in the helper: a path of the volume, as the archive API takes it. */
  pathOf(volumePath: string): string;
  /** Removes the helper (once; later calls wait for the first). */
  remove(): Promise<void>;
}

/** The volume must exist: a bind of an unknown name would quietly create an empty one. */
export async function requireVolume(docker: Docker, volume: string): Promise<void> {
  try {
    await docker.getVolume(volume).inspect();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) {
      throw new ContractError({
        kind: 'not-found',
        message: `There is no volume named ${volume}.`,
        hint: 'It may have been removed: pick one from the Volumes page.',
      });
    }
    throw new ContractError(toErrorEnvelope(err, `Couldn't read the volume ${volume}`));
  }
}

export async function createHelper(
  docker: Docker,
  volume: string,
  access: 'read' | 'write',
): Promise<Helper> {
  await requireVolume(docker, volume);
  const image = await requireHelperImage(docker, volume);
  await removeLeftovers(docker);
  let id: string;
  try {
    const created = await docker.createContainer({
      name: `${HELPER_NAME_PREFIX}-${randomBytes(4).toString('hex')}`,
      Image: image,
      Cmd: HELPER_COMMAND,
      Labels: { [HELPER_LABEL]: volume, [HELPER_OWNER_LABEL]: OWNER },
      NetworkDisabled: true,
      HostConfig: {
        // nocopy: an empty volume is never filled from the image's own files at that path.
        Binds: [`${volume}:${HELPER_MOUNT}:${access === 'read' ? 'ro' : 'rw'},nocopy`],
        NetworkMode: 'none',
      },
    });
    id = created.id;
  } catch (err) {
    throw new ContractError(
      toErrorEnvelope(err, `Couldn't make a helper container for the volume ${volume}`),
    );
  }
  let removing: Promise<void> | undefined;
  return {
    id,
    pathOf: (path) => (path === '/' ? `${HELPER_MOUNT}/` : `${HELPER_MOUNT}${path}`),
    remove: () => (removing ??= removeHelper(docker, id)),
  };
}

/** Runs `work` with a helper, removing it afterwards whatever happens. */
export async function withHelper<T>(
  docker: Docker,
  volume: string,
  access: 'read' | 'write',
  work: (helper: Helper) => Promise<T>,
): Promise<T> {
  const helper = await createHelper(docker, volume, access);
  try {
    return await work(helper);
  } finally {
    await helper.remove();
  }
}

async function removeHelper(docker: Docker, id: string): Promise<void> {
  try {
    await docker.getContainer(id).remove({ force: true });
  } catch (err) {
    // Already gone is what we wanted; anything else stays for the next sweep to remove.
    if ((err as { statusCode?: number }).statusCode !== 404) {
      console.warn(`[volumes] couldn't remove helper container ${id}: ${String(err)}`);
    }
  }
}

/** Helpers another Berth process made and never removed (it crashed, or the engine went away). */
async function removeLeftovers(docker: Docker): Promise<void> {
  let found: { Id: string; Labels?: Record<string, string> }[];
  try {
    found = await docker.listContainers({
      all: true,
      filters: JSON.stringify({ label: [HELPER_LABEL] }),
    });
  } catch (err) {
    console.warn(`[volumes] couldn't look for leftover helper containers: ${String(err)}`);
    return;
  }
  const leftovers = found.filter((c) => c.Labels?.[HELPER_OWNER_LABEL] !== OWNER);
  await Promise.all(leftovers.map((c) => removeHelper(docker, c.Id)));
}
