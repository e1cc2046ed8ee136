// The image list of the engine shown, as the app's images mirror reports it
// (resource-sync.ts): a snapshot, then deltas.
import { create } from 'zustand';
import type { ImageSummary } from '../../electron/contract/images-channels.ts';
import { getClient } from '../client/contract-client.ts';
import { initialResource, syncResource, type ResourceStore } from './resource-sync.ts';

export type ImagesStore = ResourceStore<ImageSummary>;

export const useImagesStore = create<ImagesStore>(() => initialResource);

let started = false;

/** Subscribes once per page; safe to call from every view that needs the list. */
export function startImagesSync(): void {
  if (started) return;
  started = true;
  syncResource('images', getClient(), useImagesStore);
}
