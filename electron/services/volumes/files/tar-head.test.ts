import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { requireTarHead, tarHeadProblem } from './tar-head.ts';

async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, body] of Object.entries(files)) pack.entry({ name }, body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

describe('tarHeadProblem', () => {
  it('accepts a tar header', async () => {
    expect(tarHeadProblem((await tarOf({ 'a.txt': 'hello' })).subarray(0, 512))).toBeNull();
  });

  it('names what a file is when it is not a tar', () => {
    expect(tarHeadProblem(Buffer.alloc(0))).toMatch(/empty/);
    expect(tarHeadProblem(Buffer.from('just some text\n'))).toMatch(/shorter than one tar record/);
    expect(tarHeadProblem(Buffer.alloc(1024, 'x'))).toMatch(/not a tar header/);
    expect(tarHeadProblem(Buffer.alloc(1024))).toMatch(/no files/);
    expect(tarHeadProblem(Buffer.from([0x1f, 0x8b, 8, 0, ...Buffer.alloc(600)]))).toMatch(
      /gzip-compressed/,
    );
  });

  it('refuses a header whose checksum was damaged', async () => {
    const head = Buffer.from((await tarOf({ 'a.txt': 'hello' })).subarray(0, 512));
    head[0] = head[0]! ^ 1;
    expect(tarHeadProblem(head)).toMatch(/not a tar header/);
  });
});

describe('requireTarHead', () => {
  it('gives the stream back whole, its first record included, chunked as it came', async () => {
    const archive = await tarOf({ 'a.txt': 'hello', 'b.txt': 'x'.repeat(5000) });
    const chunks = [archive.subarray(0, 100), archive.subarray(100, 700), archive.subarray(700)];
    const body = Readable.from(chunks, { objectMode: false });
    await requireTarHead(body, 'the volume data');
    expect((await bytesOf(body)).equals(archive)).toBe(true);
  });

  it('refuses a text file, saying the volume was not changed', async () => {
    const body = Readable.from([Buffer.from('hello, not a tar\n'.repeat(100))]);
    await expect(requireTarHead(body, 'the volume data')).rejects.toThrow(
      /not a tar archive .*The volume was not changed/,
    );
  });
});
