// The worker thread that reads an image's archive: it opens the engine's
// socket itself (GET /images/{id}/get), so the archive's bytes never pass
// through the main process: no copy between threads, no event per chunk on
// the main loop, and the socket's own flow control is the back-pressure.
// It parses, checks diffIDs, writes the cache and computes the analysis, then
// posts it. Terminating the worker closes the socket, which aborts the
// engine's request.
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import type { ErrorEnvelope } from '../../../contract/errors.ts';
import type { ImageAnalysis } from '../../../contract/image-layers-channels.ts';
import { ImageArchiveReader } from './archive-reader.ts';
import { resolveImage } from './archive-layout.ts';
import type { Connectable } from '../../../engine/endpoint-request.ts';
import { engineGet } from './engine-get.ts';
import { buildAnalysis, historyOf } from './image-analysis.ts';
import { LayerCache } from './layer-cache.ts';

export interface AnalyseJob {
  endpoint: Connectable;
  imageId: string;
  cacheDir: string;
  maxCacheBytes: number;
}

export type WorkerMessage =
  | { type: 'progress'; read: number }
  /** `heapPeak`: the most this thread's heap held while it ran, sampled (for the bench). */
  | { type: 'done'; analysis: ImageAnalysis; read: number; heapPeak: number }
  | { type: 'error'; envelope: ErrorEnvelope };

const PROGRESS_EVERY_MS = 100;
const removedHint =
  'The image may have been removed while it was read; look at the Images page and try again.';

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

let heapPeak = 0;
function sampleHeap(): void {
  heapPeak = Math.max(heapPeak, getHeapStatistics().used_heap_size);
}

function run(job: AnalyseJob): void {
  const reader = new ImageArchiveReader();
  let read = 0;
  let lastProgress = 0;
  let failed = false;
  let status = 0;
  /** The body of an answer other than 200: the engine's words. */
  const refusal: Buffer[] = [];
  const fail = (envelope: ErrorEnvelope) => {
    if (failed) return;
    failed = true;
    get.close();
    post({ type: 'error', envelope });
  };
  const readFailed = (error: Error) =>
    fail({
      kind: 'engine',
      message: `Couldn't read the image's archive: ${error.message}.`,
      hint: removedHint,
    });
  const get = engineGet(job.endpoint, `/images/${encodeURIComponent(job.imageId)}/get`, {
    status: (code) => {
      status = code;
    },
    data: (chunk) => {
      if (failed) return;
      if (status !== 200) {
        // Copied: the chunk's buffer is reused by the next read.
        if (refusal.length < 64) refusal.push(Buffer.from(chunk));
        return;
      }
      try {
        reader.write(chunk);
      } catch (error) {
        readFailed(error as Error);
        return;
      }
      read += chunk.length;
      const now = Date.now();
      if (now - lastProgress >= PROGRESS_EVERY_MS) {
        lastProgress = now;
        sampleHeap();
        post({ type: 'progress', read });
      }
      const pressure = reader.pressure();
      if (pressure) {
        get.pause();
        void pressure.then(() => get.resume());
      }
    },
    end: () => {
      if (failed) return;
      if (status !== 200) {
        fail(refusalOf(status, Buffer.concat(refusal).toString('utf8')));
        return;
      }
      post({ type: 'progress', read });
      finish(job, reader).then((analysis) => {
        sampleHeap();
        post({ type: 'done', analysis, read, heapPeak });
      }, readFailed);
    },
    error: (error: NodeJS.ErrnoException) => {
      if (status === 0) {
        fail({
          kind: 'unreachable',
          message: `Couldn't read the image's archive: the engine connection failed (${error.code ?? error.message}).`,
          hint: removedHint,
        });
      } else {
        fail({
          kind: 'engine',
          message: `Couldn't read the image's archive: the engine stopped sending it after ${read} bytes.`,
          hint: removedHint,
        });
      }
    },
  });
}

function refusalOf(status: number, body: string): ErrorEnvelope {
  let engineMessage = body.trim();
  try {
    engineMessage = (JSON.parse(body) as { message?: string }).message ?? engineMessage;
  } catch {
    // Not JSON: the body as it is.
  }
  return {
    kind: status === 404 ? 'not-found' : 'engine',
    message:
      status === 404
        ? `The image is gone: ${engineMessage}`
        : `The engine would not export the image: ${engineMessage}`,
    engineMessage,
    status,
    ...(status === 404 ? { hint: 'It was removed; go back to the Images page.' } : {}),
  };
}

async function finish(job: AnalyseJob, reader: ImageArchiveReader): Promise<ImageAnalysis> {
  const image = resolveImage(await reader.finish(), job.imageId);
  sampleHeap();
  const analysis = buildAnalysis(job.imageId, historyOf(image.config), image.layers);
  sampleHeap();
  // Only now, every diffID checked, is anything written: a bad read never lands in the cache.
  const cache = new LayerCache(job.cacheDir, job.maxCacheBytes);
  const written = new Set<string>();
  for (const layer of image.layers) {
    if (written.has(layer.diffId)) continue;
    written.add(layer.diffId);
    await cache.writeLayer(layer.diffId, layer.list);
  }
  await cache.writeImage(analysis);
  await cache.evict();
  return analysis;
}

run(workerData as AnalyseJob);
