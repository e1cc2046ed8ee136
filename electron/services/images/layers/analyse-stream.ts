// `images.analyse`: answers from the cache when it holds the image's analysis
// and every one of its layers; otherwise starts the archive-reading worker and
// relays its progress as AnalyseLines. Destroying the stream (the renderer
// closed it, or another engine is shown) terminates the worker, which closes
// its socket and so aborts the engine's request.
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type Docker from 'dockerode';
import { ContractError } from '../../../contract/errors.ts';
import type { AnalyseLine, ImageAnalysis } from '../../../contract/image-layers-channels.ts';
import { parseEndpoint } from '../../../engine/endpoint.ts';
import { toErrorEnvelope } from '../../engine-errors.ts';
import type { AnalyseJob, WorkerMessage } from './analyse-worker.ts';
import type { LayerCache } from './layer-cache.ts';

export interface AnalyseDeps {
  calls: Docker;
  endpoint: string;
  cache: LayerCache;
}

/** How many archive reads were started: tests check a second look starts none. */
export const archiveReads = { started: 0 };

const WORKER_URL = new URL('./analyse-worker.ts', import.meta.url);

export function analyseImageStream(deps: AnalyseDeps, ref: string): Readable {
  let worker: Worker | undefined;
  let settled = false;
  const out = new Readable({
    read() {},
    destroy(error, done) {
      void worker?.terminate();
      done(error);
    },
  });
  const send = (line: AnalyseLine) => {
    if (!out.destroyed) out.push(`${JSON.stringify(line)}\n`);
  };
  const fail = (error: unknown) => {
    if (!out.destroyed)
      out.destroy(
        error instanceof ContractError
          ? error
          : new ContractError(toErrorEnvelope(error, `Couldn't analyse ${ref}`)),
      );
  };

  const start = async () => {
    const image = await deps.calls.getImage(ref).inspect();
    const imageId = image.Id;
    const diffIds = image.RootFS?.Layers ?? [];
    const cached = await fromCache(deps.cache, imageId, diffIds);
    if (out.destroyed) return;
    if (cached) {
      send({ kind: 'done', analysis: cached });
      out.push(null);
      return;
    }
    const total = typeof image.Size === 'number' && image.Size > 0 ? image.Size : undefined;
    send({ kind: 'progress', read: 0, ...(total ? { total } : {}) });
    const endpoint = parseEndpoint(deps.endpoint);
    if (endpoint.kind === 'unsupported')
      throw new ContractError({ kind: 'bad-request', message: endpoint.reason });
    const job: AnalyseJob = {
      endpoint,
      imageId,
      cacheDir: deps.cache.root,
      maxCacheBytes: deps.cache.maxBytes,
    };
    archiveReads.started++;
    worker = new Worker(WORKER_URL, { workerData: job });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') {
        // The archive is a little larger than the image (tar headers, config): never show more than all.
        send({
          kind: 'progress',
          read: total ? Math.min(message.read, total) : message.read,
          ...(total ? { total } : {}),
        });
      } else if (message.type === 'done') {
        settled = true;
        send({ kind: 'done', analysis: message.analysis });
        if (!out.destroyed) out.push(null);
        void worker?.terminate();
      } else {
        settled = true;
        fail(new ContractError(message.envelope));
        void worker?.terminate();
      }
    });
    worker.on('error', (error) =>
      fail(
        new ContractError({
          kind: 'internal',
          message: `The image reader failed: ${error.message}`,
        }),
      ),
    );
    worker.on('exit', (code) => {
      if (!settled && code !== 0) {
        fail(
          new ContractError({
            kind: 'internal',
            message: `The image reader stopped (exit code ${code}).`,
          }),
        );
      }
    });
  };
  start().catch(fail);
  return out;
}

/** The cached analysis, when it and every layer list it needs are on disk. */
async function fromCache(
  cache: LayerCache,
  imageId: string,
  diffIds: string[],
): Promise<ImageAnalysis | undefined> {
  const analysis = await cache.readImage(imageId);
  if (!analysis) return undefined;
  const same =
    analysis.layers.length === diffIds.length &&
    analysis.layers.every((l, i) => l.diffId === diffIds[i]);
  if (!same) return undefined;
  for (const diffId of new Set(diffIds)) if (!(await cache.hasLayer(diffId))) return undefined;
  return analysis;
}
