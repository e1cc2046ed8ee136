// Is an upload a tar? Import unpacks it straight into a volume, so the first
// 512-byte record is read and checked before anything touches the volume: a
// tar header's checksum (the sum of its bytes, with the checksum field read
// as spaces) must match the one it stores, which a random file, a zip or a
// text file never does. A compressed tar is named as such: the import takes
// a plain tar, as `docker cp -` writes one.
import type { Readable } from 'node:stream';
import { ContractError } from '../../../contract/errors.ts';

const RECORD = 512;

const COMPRESSED: [string, number[]][] = [
  ['gzip', [0x1f, 0x8b]],
  ['bzip2', [0x42, 0x5a, 0x68]],
  ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['zstd', [0x28, 0xb5, 0x2f, 0xfd]],
];

/** Why these first bytes are not the start of a tar, or null when they are. */
export function tarHeadProblem(head: Buffer): string | null {
  if (head.length === 0) return 'the file is empty';
  const packed = COMPRESSED.find(([, magic]) => magic.every((byte, i) => head[i] === byte));
  if (packed) {
    return `it is ${packed[0]}-compressed: decompress it first (a plain .tar is imported)`;
  }
  if (head.length < RECORD) return 'it is shorter than one tar record (512 bytes)';
  if (head.every((byte) => byte === 0)) return 'it holds no files (an empty tar)';
  const stored = parseInt(head.toString('latin1', 148, 156).replace(/\0.*$/, '').trim(), 8);
  let sum = 0;
  for (let i = 0; i < RECORD; i++) sum += i >= 148 && i < 156 ? 0x20 : head[i]!;
  return stored === sum ? null : 'its first record is not a tar header';
}

/**
 * Reads the upload's first record and puts it back, so the stream goes on
 * whole; refuses (and drains the rest, so the face can still answer) when it
 * is not a tar.
 */
export async function requireTarHead(body: Readable, what: string): Promise<void> {
  const head = await readHead(body);
  const problem = tarHeadProblem(head);
  if (!problem) return;
  body.resume();
  throw new ContractError({
    kind: 'bad-request',
    message: `Couldn't import into ${what}: this file is not a tar archive (${problem}). The volume was not changed.`,
    hint: 'Import a .tar, such as one Export wrote or `docker cp CONTAINER:PATH - > FILE.tar`.',
  });
}

function readHead(body: Readable): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const settle = (err: Error | null, head?: Buffer) => {
      body.off('readable', onReadable);
      body.off('error', onError);
      body.off('end', onEnd);
      if (err) reject(err);
      else resolve(head!);
    };
    const onReadable = () => {
      // null until a whole record is buffered, unless the stream ended (then what is left).
      const head = body.read(RECORD) as Buffer | null;
      if (!head) return;
      if (head.length === RECORD) body.unshift(head);
      settle(null, head);
    };
    const onError = (err: Error) => settle(err);
    const onEnd = () => settle(null, Buffer.alloc(0));
    body.on('readable', onReadable);
    body.once('error', onError);
    body.once('end', onEnd);
  });
}
