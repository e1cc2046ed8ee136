// An image's history for the Layers tab: asked once per image, and again after
// image events (a base image tagged or removed changes which steps are "base").
import { useEffect, useState } from 'react';
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
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      getClient()
        .call('images.history', imageId)
        .then(
          (history) => live && setState({ for: imageId, history, error: null }),
          (err: unknown) =>
            live && setState((s) => ({ ...s, for: imageId, error: describeFailure(err) })),
        );
    void load();
    // A build sends a burst of events: ask once after it.
    const off = getClient().on('images.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 300);
    });
    return () => {
      live = false;
      off();
      clearTimeout(timer);
    };
  }, [imageId]);
  return state.for === imageId ? state : { history: null, error: null };
}
