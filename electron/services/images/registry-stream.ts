// A pull or push as a stream of PullLines (newline-delimited JSON), with two
// deadlines, since the engine itself may wait a long time on DNS or TCP to a
// registry that never answers:
// - no word from the registry within `firstLineMs`: it is not answering, fail
//   in seconds. A push's "The push refers to repository" comes from the
//   engine before it dials, so it does not count;
// - a transfer that has started may be slow, so only `stallMs` with no line at
//   all ends it.
// Destroying the stream (the renderer closed it) aborts the engine's request,
// which cancels the pull or push in the engine too.
import { Readable } from 'node:stream';
import { ContractError, type ErrorEnvelope } from '../../contract/errors.ts';
import { LineSplitter } from '../../contract/line-splitter.ts';
import { toPullLine, type PullLine } from '../../contract/pull-progress.ts';
import { classifyRegistryFailure } from '../../contract/registry-errors.ts';
import { toErrorEnvelope } from '../engine-errors.ts';

export const FIRST_LINE_MS = 8_000;
export const STALL_MS = 60_000;

export interface Deadlines {
  firstLineMs?: number;
  stallMs?: number;
}

export interface RegistryTransfer extends Deadlines {
  verb: 'pull' | 'push';
  ref: string;
  /** Starts the engine's request; the signal aborts it. */
  start(signal: AbortSignal): Promise<NodeJS.ReadableStream>;
  /** Lines the engine writes before it hears from the registry. */
  beforeRegistry?(line: PullLine): boolean;
}

/** Our words and advice around the engine's, from what it said (registry-errors.ts). */
function explain(envelope: ErrorEnvelope, t: RegistryTransfer): ErrorEnvelope {
  const words = envelope.engineMessage ?? envelope.message;
  const { message, hint } = classifyRegistryFailure(words, t.ref, t.verb);
  // Our own deadline already says what happened in plain words.
  if (envelope.kind === 'timeout') return { ...envelope, hint };
  return { ...envelope, message, hint, engineMessage: words };
}

/** The engine's transfer as a byte stream of PullLines; failures end it with a ContractError. */
export function registryTransferStream(t: RegistryTransfer): Readable {
  const firstLineMs = t.firstLineMs ?? FIRST_LINE_MS;
  const stallMs = t.stallMs ?? STALL_MS;
  const abort = new AbortController();
  const doing = `Couldn't ${t.verb} ${t.ref}`;
  let engineStream: NodeJS.ReadableStream | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const lines = new LineSplitter();
  let heard = false;

  const out = new Readable({
    read() {
      engineStream?.resume();
    },
    destroy(err, done) {
      clearTimeout(timer);
      // Once the engine has answered, closing its response ends the transfer
      // (the engine cancels on a closed connection); aborting the request then
      // would raise an AbortError on a request docker-modem has finished with.
      if (engineStream) (engineStream as Readable).destroy();
      else abort.abort();
      done(err);
    },
  });

  const fail = (envelope: ErrorEnvelope) => {
    if (!out.destroyed) out.destroy(new ContractError(envelope));
  };

  const arm = () => {
    clearTimeout(timer);
    const ms = heard ? stallMs : firstLineMs;
    timer = setTimeout(() => {
      const what = heard
        ? `the ${t.verb} of ${t.ref} made no progress for ${ms / 1000} s`
        : `no answer from the registry for ${t.ref} within ${ms / 1000} s`;
      fail(explain({ kind: 'timeout', message: `${doing}: ${what}.` }, t));
    }, ms);
  };

  const handleLine = (text: string) => {
    if (text.trim() === '') return;
    let json: { error?: unknown; errorDetail?: { message?: unknown } };
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      return; // not a progress line: nothing to show
    }
    // A transfer can fail after the engine answered 200: the error is then a line.
    const error = json.errorDetail?.message ?? json.error;
    if (typeof error === 'string') {
      fail(explain({ kind: 'engine', message: `${doing}: ${error}`, engineMessage: error }, t));
      return;
    }
    const line: PullLine | undefined = toPullLine(text);
    if (!line) return;
    if (!heard && !t.beforeRegistry?.(line)) {
      heard = true;
      arm();
    } else if (heard) arm();
    if (!out.push(`${JSON.stringify(line)}\n`)) engineStream?.pause();
  };

  arm();
  t.start(abort.signal)
    .then((stream) => {
      if (out.destroyed) {
        (stream as Readable).destroy?.();
        return;
      }
      engineStream = stream;
      stream.on('data', (chunk: Buffer) => lines.push(chunk).forEach(handleLine));
      stream.on('error', (err: unknown) => {
        if (!out.destroyed) fail(explain(toErrorEnvelope(err, doing), t));
      });
      stream.on('end', () => {
        lines.end().forEach(handleLine);
        clearTimeout(timer);
        if (!out.destroyed) out.push(null);
      });
    })
    .catch((err: unknown) => {
      if (!out.destroyed) fail(explain(toErrorEnvelope(err, doing), t));
    });

  return out;
}
