// One layer's listing in one view, fetched when first asked for and kept
// while the tab is open (switching back to a layer is instant; the Node side
// caches by diffID across tabs and images).
import { useEffect, useState } from 'react';
import type { ErrorEnvelope } from '../../../../electron/contract/errors.ts';
import type {
  LayerEntry,
  LayerFilesQuery,
} from '../../../../electron/contract/image-layers-channels.ts';
import { getClient } from '../../../client/contract-client.ts';
import { envelopeOf } from '../../../components/EngineErrorAlert.tsx';

export type LayerFiles =
  | { state: 'loading' }
  | { state: 'ok'; entries: LayerEntry[] }
  | { state: 'error'; error: ErrorEnvelope };

const keyOf = (q: LayerFilesQuery) => `${q.imageId}/${q.layer}/${q.view}`;

export function useLayerFiles(query: LayerFilesQuery | null): {
  files: LayerFiles | null;
  retry(): void;
} {
  const [cache, setCache] = useState<ReadonlyMap<string, LayerFiles>>(new Map());
  const key = query ? keyOf(query) : null;
  const files = key ? (cache.get(key) ?? null) : null;
  const needed = query !== null && files === null;

  useEffect(() => {
    if (!needed || !query || !key) return;
    const put = (value: LayerFiles) => setCache((m) => new Map(m).set(key, value));
    put({ state: 'loading' });
    getClient()
      .call('images.layerFiles', query)
      .then(
        (entries) => put({ state: 'ok', entries }),
        (err: unknown) => put({ state: 'error', error: envelopeOf(err) }),
      );
    // `query` is described by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, needed]);

  const retry = () =>
    setCache((m) => {
      const next = new Map(m);
      if (key) next.delete(key);
      return next;
    });
  return { files: files ?? (query ? { state: 'loading' } : null), retry };
}
