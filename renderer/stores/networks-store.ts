// The network list of the engine shown, as the app's networks mirror reports it.
import type { NetworkSummary } from '../../electron/contract/networks-channels.ts';
import { mirroredStore } from './mirrored-store.ts';
import type { ResourceStore } from './resource-sync.ts';

export type NetworksStore = ResourceStore<NetworkSummary>;

const networks = mirroredStore('networks');
export const useNetworksStore = networks.useStore;
export const startNetworksSync = networks.start;
