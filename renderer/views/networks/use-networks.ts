// The shown engine's networks, from the networks store (kept by the app's
// networks mirror through numbered deltas).
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { NetworkSummary } from '../../../electron/contract/networks-channels.ts';
import { startNetworksSync, useNetworksStore } from '../../stores/networks-store.ts';

export function useNetworks(): {
  networks: NetworkSummary[];
  loaded: boolean;
  error: string | null;
} {
  useEffect(startNetworksSync, []);
  const { byId, loaded, error } = useNetworksStore(
    useShallow((s) => ({ byId: s.byId, loaded: s.loaded, error: s.error })),
  );
  const networks = useMemo(() => Object.values(byId), [byId]);
  return { networks, loaded, error };
}
