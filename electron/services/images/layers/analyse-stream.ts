// `images.analyse`: answers from the cache when it holds the image's analysis
// and every one of its layers; otherwise starts the archive-reading worker and
// relays its progress as AnalyseLines. Destroying the stream (the renderer
// closed it, or another engine is shown) terminates the worker, which closes
// its socket and so aborts the engine's request.
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type Docker from 'dockerode';
import { ContractError, type ErrorEnvelope } from '../../../contract/errors.ts';
import type { AnalyseLine } from '../../../contract/image-layers-channels.ts';
import { connectable } from '../../../engine/endpoint-request.ts';
import type { EngineEndpoint } from '../../../engine/endpoint.ts';
import { toErrorEnvelope } from '../../engine-errors.ts';
import type { AnalyseJob, WorkerMessage } from './analyse-worker.ts';
import { fromCache, fromSharedLayers } from './cached-analysis.ts';
import type { LayerCache } from './layer-cache.ts';

export interface AnalyseDeps {
  calls: Docker;
  endpoint: EngineEndpoint;
  cache: LayerCache;
}

/**
 * For engine tests: how many archive reads were started (a second look must
 * start none), and a pause between inspecting the image and reading its
 * archive (to remove the image right then).
 */
export const analyseProbe: {
  archiveReads: number;
  /** Reader threads alive now: closing the stream must bring this back down. */
  readersRunning: number;
  beforeArchiveRead?: (imageId: string) => Promise<void>;
} = {
  archiveReads: 0,
  readersRunning: 0,
};

// From source (node, vitest) the worker is the .ts beside this file; in the
// desktop bundle Forge builds it as analyse-worker.js beside main.js
// (forge.config.ts). A name in a variable, not a literal, keeps Vite from
// copying the .ts (or, for a template, the whole folder) as assets.
const workerName = import.meta.url.endsWith('.ts') ? 'analyse-worker.ts' : 'analyse-worker.js';
const WORKER_URL = new URL(workerName, import.meta.url);

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
    const shared = cached ?? (await fromSharedLayers(deps, imageId, diffIds, image.Parent));
    if (out.destroyed) return;
    if (shared) {
      send({ kind: 'done', analysis: shared });
      out.push(null);
      return;
    }
    const total = typeof image.Size === 'number' && image.Size > 0 ? image.Size : undefined;
    send({ kind: 'progress', read: 0, ...(total ? { total } : {}) });
    const endpoint = connectable(deps.endpoint);
    if (endpoint.kind === 'unsupported')
      throw new ContractError({ kind: 'bad-request', message: endpoint.reason });
    const job: AnalyseJob = {
      endpoint,
      imageId,
      cacheDir: deps.cache.root,
      maxCacheBytes: deps.cache.maxBytes,
    };
    analyseProbe.archiveReads++;
    const startedAt = Date.now();
    await analyseProbe.beforeArchiveRead?.(imageId);
    if (out.destroyed) return;
    worker = new Worker(WORKER_URL, { workerData: job });
    analyseProbe.readersRunning++;
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
        if (process.env.BERTH_TRACE_LAYERS === '1') {
          const mb = (n: number) => (n / 1048576).toFixed(1);
          console.log(
            `[layers] ${imageId.slice(7, 19)}: read ${mb(message.read)} MB in ${Date.now() - startedAt} ms; reader heap peak ${mb(message.heapPeak)} MB`,
          );
        }
        send({ kind: 'done', analysis: message.analysis });
        if (!out.destroyed) out.push(null);
        void worker?.terminate();
      } else {
        settled = true;
        void worker?.terminate();
        explainFailure(deps.calls, ref, imageId, message.envelope).then(fail, fail);
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
      analyseProbe.readersRunning--;
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

/**
 * The engine's words for a failed export rarely say why (dockerd 20.10: "failed
 * to get digest …: no such file or directory"): if the image is gone, say so.
 */
async function explainFailure(
  calls: Docker,
  ref: string,
  imageId: string,
  envelope: ErrorEnvelope,
): Promise<ContractError> {
  try {
    await calls.getImage(imageId).inspect();
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      return new ContractError({
        kind: 'not-found',
        message: `The image ${ref} was removed while it was being read.`,
        engineMessage: envelope.engineMessage ?? envelope.message,
        hint: 'Go back to the Images page: it no longer lists it.',
      });
    }
  }
  return new ContractError(envelope);
}
