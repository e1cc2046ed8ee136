// Moves a Node byte stream to a transport with batching and back-pressure:
// the first chunk after a quiet spell goes at once (a keystroke's echo waits
// for no timer), chunks close behind it within BATCH_MS travel as one frame, and the source is paused while
// more than HIGH_WATERMARK bytes are sent but not yet acknowledged by the
// renderer, which acks once the view reading them (the engine log, stats, pull
// progress) has processed them. The other way, input goes to the stream's
// `input` and a size to its `resize`, when it has them.
import { Readable, type Writable } from 'node:stream';
import type { ErrorEnvelope } from '../contract/errors.ts';
import {
  BATCH_MS,
  HIGH_WATERMARK,
  LOW_WATERMARK,
  MAX_BATCH_BYTES,
  MAX_PENDING_INPUT_BYTES,
} from '../contract/flow-control.ts';
import { toErrorEnvelope } from '../services/engine-errors.ts';

/** A stream that also takes input and a size: a terminal. */
export interface TwoWayStream {
  output: Readable;
  /** The program's stdin; without it, input is refused. May be the same Duplex as `output`. */
  input?: Writable;
  /** Sets the terminal's size; without it, resize is refused. */
  resize?(cols: number, rows: number): void | Promise<void>;
}

/** What a stream handler returns: a read-only stream, or one that goes both ways. */
export type StreamSource = Readable | TwoWayStream;

export interface StreamSink {
  data(bytes: Uint8Array): void;
  /** Called exactly once: at the source's end, on its error, or after cancel. */
  end(error?: ErrorEnvelope): void;
  /** Input or a resize the stream could not take; the stream goes on. */
  refused?(error: ErrorEnvelope): void;
}

export interface StreamControl {
  ack(bytes: number): void;
  cancel(): void;
  input(bytes: Uint8Array): void;
  resize(cols: number, rows: number): void;
}

interface PumpOptions {
  highWatermark?: number;
  lowWatermark?: number;
  batchMs?: number;
  maxPendingInput?: number;
}

/** Releases a stream nobody will read (it was cancelled while it opened). */
export function destroySource(source: StreamSource): void {
  if (source instanceof Readable) {
    source.destroy();
    return;
  }
  source.output.destroy();
  source.input?.destroy();
}

export function pumpStream(
  from: StreamSource,
  sink: StreamSink,
  opts: PumpOptions = {},
): StreamControl {
  const { output: source, input, resize } = from instanceof Readable ? { output: from } : from;
  const high = opts.highWatermark ?? HIGH_WATERMARK;
  const low = opts.lowWatermark ?? LOW_WATERMARK;
  const batchMs = opts.batchMs ?? BATCH_MS;
  const maxPendingInput = opts.maxPendingInput ?? MAX_PENDING_INPUT_BYTES;
  /** An input that is not the output's own Duplex needs its own error listener and cleanup. */
  const separateInput = input && (input as object) !== source ? input : undefined;
  let batch: Uint8Array[] = [];
  let batchBytes = 0;
  let unacked = 0;
  let paused = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlush = -Infinity;
  let ended = false;

  const refuse = (message: string) => {
    if (!ended) sink.refused?.({ kind: 'bad-request', message });
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (batchBytes === 0 || ended) return;
    const bytes = batch.length === 1 ? batch[0]! : Buffer.concat(batch, batchBytes);
    batch = [];
    batchBytes = 0;
    lastFlush = performance.now();
    sink.data(bytes);
  };

  const finish = (error?: ErrorEnvelope) => {
    if (ended) return;
    flush();
    ended = true;
    source.off('data', onData);
    // The input lives no longer than the output it belongs to.
    if (separateInput && !separateInput.destroyed) separateInput.destroy();
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
    const quiet = timer === undefined && performance.now() - lastFlush >= batchMs;
    if (quiet || batchBytes >= MAX_BATCH_BYTES) flush();
    else timer ??= setTimeout(flush, batchMs);
  };

  source.on('data', onData);
  source.once('end', () => finish());
  source.once('close', () => finish());
  source.once('error', (err) => finish(toErrorEnvelope(err, 'The stream broke')));
  // A program that closed its stdin still writes output: a broken input only refuses more input.
  if (separateInput) {
    separateInput.on('error', (err) => refuse(`The program's input is closed (${err.message}).`));
  }

  // Resizes come in bursts while a window is dragged; one runs at a time, and
  // only the latest waiting size runs next.
  let resizing = false;
  let nextSize: [number, number] | undefined;
  const runResize = (cols: number, rows: number) => {
    resizing = true;
    Promise.resolve()
      .then(() => resize?.(cols, rows))
      .catch((err: unknown) => {
        if (!ended) sink.refused?.(toErrorEnvelope(err, "Couldn't resize the terminal"));
      })
      .finally(() => {
        resizing = false;
        const size = nextSize;
        nextSize = undefined;
        if (size && !ended) runResize(...size);
      });
  };

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
    input(bytes) {
      if (ended) return;
      if (!input) return refuse('This stream takes no input.');
      if (!input.writable) return refuse('The program no longer reads its input.');
      if (input.writableLength + bytes.byteLength > maxPendingInput) {
        return refuse(
          `Input dropped: ${maxPendingInput} bytes are already waiting for the program to read them.`,
        );
      }
      input.write(bytes);
    },
    resize(cols, rows) {
      if (ended) return;
      if (!resize) return refuse('This stream has no terminal size to change.');
      if (resizing) nextSize = [cols, rows];
      else runResize(cols, rows);
    },
  };
}
