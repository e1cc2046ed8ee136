// The shown engine's local images, from the images store (kept by the app's
// images mirror through numbered deltas).
import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ImageSummary } from '../../../electron/contract/channels.ts';
import { startImagesSync, useImagesStore } from '../../stores/images-store.ts';

export function useImages(): { images: ImageSummary[]; loaded: boolean; error: string | null } {
  useEffect(startImagesSync, []);
  const { byId, loaded, error } = useImagesStore(
    useShallow((s) => ({ byId: s.byId, loaded: s.loaded, error: s.error })),
  );
  const images = useMemo(() => Object.values(byId), [byId]);
  return { images, loaded, error };
}
