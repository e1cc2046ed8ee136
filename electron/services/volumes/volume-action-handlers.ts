// The Volumes page's calls. Create, remove and the preview's lists are short
// (the call client); `/system/df` and prune walk every volume's files, so they
// use the client without a timeout.
import type Docker from 'dockerode';
import type { CallHandlers } from '../../contract/channels.ts';
import type { VolumeActionCalls } from '../../contract/volume-actions-channels.ts';
import {
  createVolume,
  pruneVolumes,
  removeVolume,
  volumePrunePreview,
  volumeSizes,
} from './volume-actions.ts';

export function volumeActionHandlers(deps: {
  calls(): Docker;
  streams(): Docker;
}): Pick<CallHandlers, keyof VolumeActionCalls> {
  return {
    'volumes.create': (spec) => createVolume(deps.calls(), spec),
    'volumes.remove': (name, { force }) => removeVolume(deps.calls(), name, force),
    'volumes.prunePreview': () => volumePrunePreview(deps.streams()),
    'volumes.prune': () => pruneVolumes(deps.streams()),
    'volumes.sizes': () => volumeSizes(deps.streams()),
  };
}
