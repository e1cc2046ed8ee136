import Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ContractError } from '../../contract/errors.ts';
import { collectOutput } from './exec-output.ts';

// The engine's own framing (8-byte header: stream id, 3 zero bytes, length), read by dockerode's demuxer.
const frame = (streamId: 1 | 2, text: string) => {
  const body = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header.writeUInt8(streamId, 0);
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
};
const { modem } = new Docker({ socketPath: '/nonexistent.sock' });
const demux = modem.demuxStream.bind(modem);

describe('collectOutput', () => {
  it('splits stdout from stderr and reads to the end', async () => {
    const stream = new PassThrough();
    const got = collectOutput(demux, stream, { maxBytes: 1024 });
    stream.write(frame(1, 'héllo\n'));
    stream.write(frame(2, 'warn\n'));
    stream.end(frame(1, 'world\n'));
    expect(await got).toEqual({ stdout: 'héllo\nworld\n', stderr: 'warn\n', truncated: false });
  });

  it('stops reading at the cap and keeps whole lines only', async () => {
    const stream = new PassThrough();
    const got = collectOutput(demux, stream, { maxBytes: 10 });
    stream.write(frame(1, 'one\ntw'));
    stream.write(frame(1, 'o\nthree\n'));
    expect(await got).toEqual({ stdout: 'one\n', stderr: '', truncated: true });
    expect(stream.destroyed).toBe(true);
  });

  it('gives up at the deadline with a timeout saying the caller’s words', async () => {
    const stream = new PassThrough();
    stream.write(frame(1, 'partial\n'));
    const got = collectOutput(demux, stream, {
      maxBytes: 1024,
      deadline: { ms: 50, message: 'ls did not finish' },
    });
    const err: unknown = await got.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ContractError);
    expect((err as ContractError).envelope).toEqual({
      kind: 'timeout',
      message: 'ls did not finish',
    });
    expect(stream.destroyed).toBe(true);
  });

  it('passes on a stream error that is not its own cut', async () => {
    const stream = new PassThrough();
    const got = collectOutput(demux, stream, { maxBytes: 1024 });
    stream.destroy(new Error('socket hang up'));
    await expect(got).rejects.toThrow('socket hang up');
  });
});
