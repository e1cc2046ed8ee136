// `docker pull` as a stream of PullLines (newline-delimited JSON), with two
// deadlines, since the engine itself may wait a long time on DNS or TCP to a
// registry that never answers:
// - nothing at all (not even the HTTP answer) within `firstLineMs`: the
//   registry is not answering, fail in seconds;
// - a pull that has started may be slow, so only `stallMs` with no line at all
//   ends it.
// Destroying the stream (the renderer closed it) aborts the engine's request,
// which cancels the pull in the engine too.
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { ContractError, type ErrorEnvelope } from '../../contract/errors.ts';
import { LineSplitter } from '../../contract/line-splitter.ts';
import { toPullLine, type PullLine } from '../../contract/pull-progress.ts';
import { toErrorEnvelope } from '../engine-errors.ts';

const PULL_FIRST_LINE_MS = 8_000;
const PULL_STALL_MS = 60_000;

interface PullOptions {
  firstLineMs?: number;
  stallMs?: number;
}

const pullHint =
  'Check the image name and that its registry is reachable from the engine. Without a registry, build or load the image instead.';

/** The engine's pull of `ref` as a byte stream of PullLines; failures end it with a ContractError. */
export function pullImageStream(docker: Docker, ref: string, opts: PullOptions = {}): Readable {
  const firstLineMs = opts.firstLineMs ?? PULL_FIRST_LINE_MS;
  const stallMs = opts.stallMs ?? PULL_STALL_MS;
  const abort = new AbortController();
  let engineStream: NodeJS.ReadableStream | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const lines = new LineSplitter();
  let seenLine = false;

  const out = new Readable({
    read() {
      engineStream?.resume();
    },
    destroy(err, done) {
      clearTimeout(timer);
      abort.abort();
      done(err);
    },
  });

  const fail = (envelope: ErrorEnvelope) => {
    if (!out.destroyed) out.destroy(new ContractError({ hint: pullHint, ...envelope }));
  };

  const arm = () => {
    clearTimeout(timer);
    const ms = seenLine ? stallMs : firstLineMs;
    timer = setTimeout(() => {
      const what = seenLine
        ? `the pull of ${ref} made no progress for ${ms / 1000} s`
        : `no answer from the registry for ${ref} within ${ms / 1000} s`;
      fail({ kind: 'timeout', message: `Couldn't pull ${ref}: ${what}.` });
    }, ms);
  };

  const handleLine = (text: string) => {
    if (text.trim() === '') return;
    seenLine = true;
    arm();
    let json: { error?: unknown; errorDetail?: { message?: unknown } };
    try {
      json = JSON.parse(text) as typeof json;
    } catch {
      return; // not a progress line: nothing to show
    }
    // A pull can fail after the engine answered 200: the error is then a line.
    const error = json.errorDetail?.message ?? json.error;
    if (typeof error === 'string') {
      fail({ kind: 'engine', message: `Couldn't pull ${ref}: ${error}`, engineMessage: error });
      return;
    }
    const line: PullLine | undefined = toPullLine(text);
    if (line && !out.push(`${JSON.stringify(line)}\n`)) engineStream?.pause();
  };

  arm();
  docker
    .pull(ref, { abortSignal: abort.signal })
    .then((stream: NodeJS.ReadableStream) => {
      if (out.destroyed) {
        (stream as Readable).destroy?.();
        return;
      }
      engineStream = stream;
      stream.on('data', (chunk: Buffer) => lines.push(chunk).forEach(handleLine));
      stream.on('error', (err: unknown) => {
        if (!abort.signal.aborted) fail(toErrorEnvelope(err, `Couldn't pull ${ref}`));
      });
      stream.on('end', () => {
        lines.end().forEach(handleLine);
        clearTimeout(timer);
        if (!out.destroyed) out.push(null);
      });
    })
    .catch((err: unknown) => {
      if (abort.signal.aborted) return;
      fail(toErrorEnvelope(err, `Couldn't pull ${ref}`));
    });

  return out;
}

/** Pulls `ref` to the end; rejects with the stream's ContractError. */
export function pullImage(docker: Docker, ref: string, opts: PullOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = pullImageStream(docker, ref, opts);
    stream.on('data', () => {});
    stream.once('end', resolve);
    stream.once('error', reject);
  });
}
