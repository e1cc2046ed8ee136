// Where the layer cache lives: the data folder's `layer-cache` when the app
// has one, else (tests, tools) a private temporary folder made on first use,
// never a predictable shared path another user could prepare.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LayerCache } from './layer-cache.ts';

export function layerCacheIn(dir: string | undefined): () => LayerCache {
  let cache: LayerCache | undefined;
  return () => {
    cache ??= new LayerCache(dir ?? mkdtempSync(join(tmpdir(), 'berth-layer-cache-')));
    return cache;
  };
}
