// The image page's layer analysis, as contract handlers: `images.analyse`
// (a stream, bound to the engine shown by the caller's wrapper) and
// `images.layerFiles` (a call answered from the cache).
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { CallHandlers } from '../../../contract/channels.ts';
import type { EngineEndpoint } from '../../../engine/endpoint.ts';
import { analyseImageStream } from './analyse-stream.ts';
import type { LayerCache } from './layer-cache.ts';
import { LayerFiles } from './layer-files.ts';

export interface ImageLayerDeps {
  calls: () => Docker;
  /** The shown engine's endpoint: the reader opens its own socket to it. */
  endpoint: () => EngineEndpoint;
  cache: () => LayerCache;
}

export function imageLayerCalls(
  deps: Pick<ImageLayerDeps, 'cache'>,
): Pick<CallHandlers, 'images.layerFiles'> {
  const files = new LayerFiles(deps.cache);
  return {
    'images.layerFiles': (query) => files.files(query),
  };
}

type AnalyseOpen = (query: { ref: string }) => Readable;

export function imageLayerStreams(
  wrap: (open: AnalyseOpen) => AnalyseOpen,
  deps: ImageLayerDeps,
): { 'images.analyse': AnalyseOpen } {
  return {
    'images.analyse': wrap(({ ref }) =>
      analyseImageStream(
        { calls: deps.calls(), endpoint: deps.endpoint(), cache: deps.cache() },
        ref,
      ),
    ),
  };
}
