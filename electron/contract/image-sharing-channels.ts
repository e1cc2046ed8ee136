// The sharing domain of the contract: naming an image (`docker tag`) and
// sending it to a registry (`docker push`). Pulling is `images.pull`
// (images-channels.ts), which the New container dialog uses too.
import { z } from 'zod';
import { parseImageReference } from './image-reference.ts';
import { imageRef, imageTagTarget } from './refs.ts';

export interface ImageSharingCalls {
  /** `docker tag SOURCE TARGET`: `source` an image's name or id, `target` `[registry/]name[:tag]`. */
  'images.tag': { args: [source: string, target: string]; result: void };
}

export interface ImageSharingStreams {
  /**
   * `docker push REF`: PullLines (push-progress.ts folds them) as
   * newline-delimited JSON, with the pull's deadlines; ends with the engine's
   * own error. Closing the stream aborts the push.
   */
  'images.push': { args: [query: { ref: string }] };
}

/** Null when `ref` names something a push can send (a repository and tag); else why not. */
export function pushRefProblem(ref: string): string | null {
  const parsed = parseImageReference(ref);
  if (!parsed) return `"${ref.slice(0, 80)}" is not a repository name to push`;
  if (parsed.digest) {
    return 'A push sends a repository:tag, not a digest: pick one of the image’s tags, or tag it first';
  }
  return null;
}

const pushRef = imageRef.superRefine((ref, ctx) => {
  if (/^(sha256:)?[0-9a-f]{12,64}$/.test(ref)) {
    ctx.addIssue({
      code: 'custom',
      message: 'A push sends a repository:tag, not an image id: tag the image first',
    });
    return;
  }
  const problem = pushRefProblem(ref);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const imageSharingCallArgs: {
  [K in keyof ImageSharingCalls]: z.ZodType<ImageSharingCalls[K]['args']>;
} = {
  'images.tag': z.tuple([imageRef, imageTagTarget]),
};

export const imageSharingStreamArgs: {
  [K in keyof ImageSharingStreams]: z.ZodType<ImageSharingStreams[K]['args']>;
} = {
  'images.push': z.tuple([z.object({ ref: pushRef }).strict()]),
};
