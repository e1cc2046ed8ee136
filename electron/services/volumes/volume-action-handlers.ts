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
  /** Re-reads the volumes mirror: dockerd 20.10 sends no destroy event for a volume it prunes. */
  relist(): Promise<void>;
}): Pick<CallHandlers, keyof VolumeActionCalls> {
  return {
    'volumes.create': (spec) => createVolume(deps.calls(), spec),
    'volumes.remove': (name, { force }) => removeVolume(deps.calls(), name, force),
    'volumes.prunePreview': () => volumePrunePreview(deps.streams()),
    'volumes.prune': async () => {
      const result = await pruneVolumes(deps.streams());
      // The list is right when the call returns; a failed re-read heals on the next event.
      await deps.relist().catch(() => undefined);
      return result;
    },
    'volumes.sizes': () => volumeSizes(deps.streams()),
  };
}
