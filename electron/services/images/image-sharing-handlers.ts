// Handlers for pulling, tagging and pushing images. Credentials come from
// `authFor` (registries/registry-auth.ts): the engine takes them per request.
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { CallHandlers } from '../../contract/channels.ts';
import { ContractError } from '../../contract/errors.ts';
import type { PullQuery } from '../../contract/images-channels.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import type { AuthFor } from '../registries/registry-auth.ts';
import { pullImageStream } from './pull-image.ts';
import { pushImageStream, pushTarget } from './push-image.ts';

interface SharingDeps {
  calls: () => Docker;
  streams: () => Docker;
  authFor: AuthFor;
}

export function imageSharingCalls(deps: SharingDeps): Pick<CallHandlers, 'images.tag'> {
  return {
    'images.tag': async (source, target) => {
      const { repo, tag } = pushTarget(target);
      try {
        await deps.calls().getImage(source).tag({ repo, tag });
      } catch (err) {
        throw new ContractError(toErrorEnvelope(err, `Couldn't tag ${source} as ${target}`));
      }
    },
  };
}

type Bind = <Q>(open: (query: Q) => Readable) => (query: Q) => Readable;

export function imageSharingStreams(bind: Bind, deps: SharingDeps) {
  return {
    'images.pull': bind((query: PullQuery) => {
      const ref = query.ref.trim();
      return pullImageStream(deps.streams(), ref, {
        ...(query.platform ? { platform: query.platform } : {}),
        auth: () => deps.authFor(ref),
      });
    }),
    'images.push': bind(({ ref }: { ref: string }) =>
      pushImageStream(deps.streams(), ref, { auth: () => deps.authFor(ref) }),
    ),
  };
}
