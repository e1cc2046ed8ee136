// The shown engine's local images, kept current by the engine's image events.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImageSummary } from '../../../electron/contract/channels.ts';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { getClient } from '../../client/contract-client.ts';
import { useEngineStore } from '../../stores/engine-store.ts';

/**
 * The shown engine's images, listed again whenever it reports an image event,
 * and when another engine is shown; other engines' notices are ignored.
 */
export function useImages(): { images: ImageSummary[]; loaded: boolean; error: string | null } {
  const shownEngine = useEngineStore((s) => s.status?.engineId ?? null);
  const [state, setState] = useState({
    images: [] as ImageSummary[],
    loaded: false,
    error: null as string | null,
  });
  const latest = useRef(0);
  const load = useCallback(() => {
    // Only the last answer counts: one asked before a switch may come back after it.
    const request = ++latest.current;
    getClient()
      .call('images.list')
      .then(
        (images) => {
          if (request === latest.current) setState({ images, loaded: true, error: null });
        },
        (err: unknown) => {
          if (request === latest.current)
            setState((s) => ({ ...s, loaded: true, error: describeFailure(err) }));
        },
      );
  }, []);
  useEffect(() => {
    load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A pull or a build sends a burst of events: one list after the burst.
    const off = getClient().on('images.changed', ({ engineId }) => {
      if (engineId !== shownEngine) return;
      clearTimeout(timer);
      timer = setTimeout(load, 100);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [load, shownEngine]);
  return state;
}
