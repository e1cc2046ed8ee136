// Reads the framed output of an exec (stdout and stderr multiplexed, as the
// engine sends it without a terminal) into strings, within a byte cap and an
// optional deadline. Kept apart from the exec calls so the limits can be
// tested on a plain stream.
import { PassThrough, type Readable } from 'node:stream';
import { ContractError } from '../../contract/errors.ts';

export interface OutputLimits {
  /** stdout bytes kept; past them reading stops and the output is `truncated`. */
  maxBytes: number;
  /** Past this the exec is abandoned with a `timeout` error saying `message`. */
  deadline?: { ms: number; message: string };
}

export interface CollectedOutput {
  stdout: string;
  stderr: string;
  truncated: boolean;
}

type Demux = (stream: NodeJS.ReadableStream, out: PassThrough, err: PassThrough) => void;

/** Reads to the end, or to the cap (then stops reading: the rest is never sent). */
export async function collectOutput(
  demux: Demux,
  stream: NodeJS.ReadableStream,
  { maxBytes, deadline }: OutputLimits,
): Promise<CollectedOutput> {
  const out = new PassThrough();
  const err = new PassThrough();
  demux(stream, out, err);
  const chunks: Buffer[] = [];
  const errChunks: Buffer[] = [];
  let size = 0;
  let errSize = 0;
  let truncated = false;
  out.on('data', (c: Buffer) => {
    if (truncated) return;
    if (size + c.length > maxBytes) {
      truncated = true;
      (stream as Readable).destroy();
      return;
    }
    size += c.length;
    chunks.push(c);
  });
  // stderr is for messages, never large; it is only kept within the same cap.
  err.on('data', (c: Buffer) => {
    if (errSize + c.length > maxBytes) return;
    errSize += c.length;
    errChunks.push(c);
  });
  await new Promise<void>((resolve, reject) => {
    const timer =
      deadline &&
      setTimeout(() => {
        (stream as Readable).destroy();
        reject(new ContractError({ kind: 'timeout', message: deadline.message }));
      }, deadline.ms);
    const done = () => (clearTimeout(timer), resolve());
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', (e: Error) => (clearTimeout(timer), truncated ? resolve() : reject(e)));
  });
  let stdout = Buffer.concat(chunks).toString('utf8');
  // A cut output ends mid-line: keep whole lines only.
  if (truncated) stdout = stdout.slice(0, stdout.lastIndexOf('\n') + 1);
  return { stdout, stderr: Buffer.concat(errChunks).toString('utf8'), truncated };
}
