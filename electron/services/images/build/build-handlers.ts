// The build's contract handlers: `images.buildContext` (a call that walks the
// folder, no engine needed) and `images.build` (a stream over the engine's
// streaming client, bound to the engine shown by the caller's wrapper).
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { CallHandlers } from '../../../contract/channels.ts';
import { MEASURE_MAX_ENTRIES, type BuildOptions } from '../../../contract/image-build-channels.ts';
import type { AllAuths } from '../../registries/registry-auth.ts';
import { buildImageStream } from './build-stream.ts';
import { walkContext } from './context-walk.ts';
import { uploadedContexts } from './uploaded-contexts.ts';

export function imageBuildCalls(): Pick<CallHandlers, 'images.buildContext'> {
  return {
    'images.buildContext': async ({ context, dockerfile }) =>
      (await walkContext(context, dockerfile, { maxEntries: MEASURE_MAX_ENTRIES })).info,
  };
}

type BuildOpen = (options: BuildOptions) => Readable;

export function imageBuildStreams(
  wrap: (open: BuildOpen) => BuildOpen,
  streams: () => Docker,
  allAuths: AllAuths,
): { 'images.build': BuildOpen } {
  return {
    'images.build': wrap((options) => {
      const stream = buildImageStream(streams(), options, { allAuths });
      // An uploaded folder is for one build: the page uploads it again for the next.
      stream.once('close', () => {
        uploadedContexts.release(options.context).catch((err: unknown) => {
          console.error(`Couldn't remove the uploaded build context ${options.context}:`, err);
        });
      });
      return stream;
    }),
  };
}
