// The image list of the engine shown, as the app's images mirror reports it.
import type { ImageSummary } from '../../electron/contract/images-channels.ts';
import { mirroredStore } from './mirrored-store.ts';
import type { ResourceStore } from './resource-sync.ts';

export type ImagesStore = ResourceStore<ImageSummary>;

const images = mirroredStore('images');
export const useImagesStore = images.useStore;
export const startImagesSync = images.start;
