// Moves a Node byte stream to a transport with batching and back-pressure:
// chunks within BATCH_MS travel as one frame, and the source is paused while
// more than HIGH_WATERMARK bytes are sent but not yet acknowledged by the
// renderer, which acks once the view reading them (the engine log, stats, pull
// progress) has processed them.
import type { Readable } from 'node:stream';
import type { ErrorEnvelope } from '../contract/errors.ts';
import {
  BATCH_MS,
  HIGH_WATERMARK,
  LOW_WATERMARK,
  MAX_BATCH_BYTES,
} from '../contract/flow-control.ts';
import { toErrorEnvelope } from '../services/engine-errors.ts';

export interface StreamSink {
  data(bytes: Uint8Array): void;
  /** Called exactly once: at the source's end, on its error, or after cancel. */
  end(error?: ErrorEnvelope): void;
}

export interface StreamControl {
  ack(bytes: number): void;
  cancel(): void;
}

export interface PumpOptions {
  highWatermark?: number;
  lowWatermark?: number;
  batchMs?: number;
}

export function pumpStream(
  source: Readable,
  sink: StreamSink,
  opts: PumpOptions = {},
): StreamControl {
  const high = opts.highWatermark ?? HIGH_WATERMARK;
  const low = opts.lowWatermark ?? LOW_WATERMARK;
  const batchMs = opts.batchMs ?? BATCH_MS;
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  let unacked = 0;
  let paused = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ended = false;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (batchBytes === 0 || ended) return;
    const bytes = batch.length === 1 ? batch[0]! : Buffer.concat(batch, batchBytes);
    batch = [];
    batchBytes = 0;
    sink.data(bytes);
  };

  const finish = (error?: ErrorEnvelope) => {
    if (ended) return;
    flush();
    ended = true;
    source.off('data', onData);
    sink.end(error);
  };

  const onData = (chunk: Buffer | string) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    batch.push(bytes);
    batchBytes += bytes.byteLength;
    unacked += bytes.byteLength;
    if (unacked > high && !paused) {
      paused = true;
      source.pause();
    }
    if (batchBytes >= MAX_BATCH_BYTES) flush();
    else timer ??= setTimeout(flush, batchMs);
  };

  source.on('data', onData);
  source.once('end', () => finish());
  source.once('close', () => finish());
  source.once('error', (err) => finish(toErrorEnvelope(err, 'The stream broke')));

  return {
    ack(bytes) {
      unacked = Math.max(0, unacked - bytes);
      if (paused && unacked < low && !ended) {
        paused = false;
        source.resume();
      }
    },
    cancel() {
      if (ended) return;
      batch = [];
      batchBytes = 0;
      finish();
      source.destroy();
    },
  };
}
