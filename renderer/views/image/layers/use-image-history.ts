// An image's history for the Layers tab: asked once per image, and again when
// the images list changes (a base image tagged or removed changes which steps are "base").
import { useEffect, useRef, useState } from 'react';
import { useImagesStore } from '../../../stores/images-store.ts';
import { describeFailure } from '../../../../electron/contract/errors.ts';
import type { ImageHistory } from '../../../../electron/contract/image-history-channels.ts';
import { getClient } from '../../../client/contract-client.ts';

export function useImageHistory(imageId: string): {
  history: ImageHistory | null;
  error: string | null;
} {
  const [state, setState] = useState<{
    for: string;
    history: ImageHistory | null;
    error: string | null;
  }>({ for: imageId, history: null, error: null });
  // Every delta of the images list makes a new map.
  const images = useImagesStore((s) => s.byId);
  const asked = useRef<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      getClient()
        .call('images.history', imageId)
        .then(
          (history) => live && setState({ for: imageId, history, error: null }),
          (err: unknown) =>
            live && setState((s) => ({ ...s, for: imageId, error: describeFailure(err) })),
        );
    // A build moves the list many times: after the first answer, ask once after the burst.
    const again = asked.current === imageId;
    asked.current = imageId;
    const timer = setTimeout(() => void load(), again ? 300 : 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [imageId, images]);
  return state.for === imageId ? state : { history: null, error: null };
}
