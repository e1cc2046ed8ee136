// The handlers for commit and prune. Commit and prune read or delete whole
// filesystems, so they use the client without a timeout; the preview's many
// short questions use the call client.
import type Docker from 'dockerode';
import type { CallHandlers } from '../../../contract/channels.ts';
import { commitContainer } from './commit-container.ts';
import { pruneBuildCache, pruneImages, prunePreview } from './prune-images.ts';

export function imageUpkeepHandlers(deps: {
  calls(): Docker;
  streams(): Docker;
}): Pick<
  CallHandlers,
  'images.commit' | 'images.prunePreview' | 'images.prune' | 'images.pruneBuildCache'
> {
  return {
    'images.commit': (spec) => commitContainer(deps.streams(), spec),
    'images.prunePreview': ({ all }) => prunePreview(deps.calls(), all),
    'images.prune': ({ all }) => pruneImages(deps.streams(), all),
    'images.pruneBuildCache': () => pruneBuildCache(deps.streams()),
  };
}
