import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { uploadEntryName, wrapFileAsTar } from './file-tar.ts';

async function entries(stream: Readable): Promise<{ name: string; mode: number; body: string }[]> {
  const extract = tar.extract();
  stream.on('error', (err) => extract.destroy(err));
  stream.pipe(extract);
  const out = [];
  for await (const entry of extract) {
    let body = '';
    for await (const chunk of entry) body += Buffer.from(chunk as Uint8Array).toString();
    out.push({ name: entry.header.name, mode: entry.header.mode, body });
  }
  return out;
}

describe('wrapFileAsTar', () => {
  it('streams a file as a one-entry tar, chunk by chunk', async () => {
    const body = Readable.from([Buffer.from('hello '), Buffer.from('world\n')]);
    const wrapped = wrapFileAsTar(body, { name: 'greeting.txt', size: 12 });
    expect(await entries(wrapped)).toEqual([
      { name: 'greeting.txt', mode: 0o644, body: 'hello world\n' },
    ]);
  });

  it('fails the tar when the body is shorter than its announced size', async () => {
    const body = Readable.from([Buffer.from('short')]);
    const wrapped = wrapFileAsTar(body, { name: 'cut.bin', size: 100 });
    await expect(entries(wrapped)).rejects.toThrow();
  });

  it('pads the tar to whole records, as the engine expects', async () => {
    const chunks: Buffer[] = [];
    for await (const c of wrapFileAsTar(Readable.from([Buffer.from('x')]), { name: 'a', size: 1 }))
      chunks.push(Buffer.from(c as Uint8Array));
    expect(Buffer.concat(chunks).length % 512).toBe(0);
  });
});

describe('uploadEntryName', () => {
  it('keeps the last path component of what the face said', () => {
    expect(uploadEntryName('notes.txt')).toBe('notes.txt');
    expect(uploadEntryName('C:\\Users\\me\\notes.txt')).toBe('notes.txt');
    expect(uploadEntryName('../../etc/passwd')).toBe('passwd');
  });

  it('refuses a missing name and names that climb out of the folder', () => {
    for (const bad of [null, '', '..', '/', 'a/..', 'x\0y']) {
      expect(() => uploadEntryName(bad)).toThrow(/Couldn't upload/);
    }
  });
});
