// Which local image a volume's helper container is made from. The helper is
// created and never started, so any image will do (no shell, no tar needed:
// the engine reads and writes through the archive API); the smallest tagged
// one is picked, since a dangling image may be pruned at any moment. Nothing
// is ever pulled: an engine with no image at all gets a message saying what
// to do instead.
import type Docker from 'dockerode';
import { ContractError } from '../../../contract/errors.ts';

/** What the pick needs of `GET /images/json`. */
export interface LocalImage {
  Id: string;
  RepoTags?: string[] | null;
  Size: number;
}

const UNTAGGED = '<none>:<none>';

/** The image to make helpers from (a tag, else an id), or null when there is none. */
export function pickHelperImage(images: readonly LocalImage[]): string | null {
  const refOf = (image: LocalImage) => image.RepoTags?.find((t) => t !== UNTAGGED) ?? null;
  const ranked = [...images].sort(
    (a, b) => Number(refOf(a) === null) - Number(refOf(b) === null) || a.Size - b.Size,
  );
  const best = ranked[0];
  return best ? (refOf(best) ?? best.Id) : null;
}

/** The image, or the "no usable image" refusal naming the volume and what to do. */
export async function requireHelperImage(docker: Docker, volume: string): Promise<string> {
  const image = pickHelperImage(await docker.listImages());
  if (image) return image;
  throw new ContractError({
    kind: 'not-found',
    message:
      `Couldn't open the volume ${volume}: Berth reads a volume's files through a short-lived ` +
      'helper container made from a local image, and this engine has no image at all.',
    hint:
      'Pull or load a small image first (for example `docker pull busybox`, or Load image on the ' +
      'Images page with a busybox tar), then try again. Nothing is downloaded for you.',
  });
}
