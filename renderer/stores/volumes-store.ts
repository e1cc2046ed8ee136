// The volume list of the engine shown, as the app's volumes mirror reports it.
import type { VolumeSummary } from '../../electron/contract/volumes-channels.ts';
import { mirroredStore } from './mirrored-store.ts';
import type { ResourceStore } from './resource-sync.ts';

export type VolumesStore = ResourceStore<VolumeSummary>;

const volumes = mirroredStore('volumes');
export const useVolumesStore = volumes.useStore;
export const startVolumesSync = volumes.start;
