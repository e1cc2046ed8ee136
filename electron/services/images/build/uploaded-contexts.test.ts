import { mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UploadedContexts } from './uploaded-contexts.ts';

let root: string;
let contexts: UploadedContexts;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'berth-uploads-'));
  contexts = new UploadedContexts(root);
});
afterEach(() => rm(root, { recursive: true, force: true }));

type Entry = {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'fifo';
  body?: string;
  linkname?: string;
};

function tarOf(entries: Entry[]): Readable {
  const pack = tar.pack();
  for (const e of entries) {
    pack.entry(
      { name: e.name, type: e.type ?? 'file', ...(e.linkname ? { linkname: e.linkname } : {}) },
      e.body ?? '',
    );
  }
  pack.finalize();
  return pack as unknown as Readable;
}

describe('uploaded build contexts', () => {
  it('unpacks files, folders and links into a folder of its own, removed on release', async () => {
    const { context } = await contexts.receive(
      tarOf([
        { name: 'Dockerfile', body: 'FROM scratch\n' },
        { name: 'src', type: 'directory' },
        { name: 'src/app.js', body: 'x' },
        { name: 'link', type: 'symlink', linkname: 'src/app.js' },
      ]),
    );
    expect(contexts.owns(context)).toBe(true);
    expect(await readFile(join(context, 'Dockerfile'), 'utf8')).toBe('FROM scratch\n');
    expect(await readFile(join(context, 'src/app.js'), 'utf8')).toBe('x');
    expect(await readlink(join(context, 'link'))).toBe('src/app.js');
    await contexts.release(context);
    await expect(readFile(join(context, 'Dockerfile'))).rejects.toThrow();
  });

  it.each([
    ['a name that climbs out', [{ name: '../escape', body: 'x' }]],
    ['an absolute name', [{ name: '/etc/escape', body: 'x' }]],
    [
      'a file written through a link it made',
      [
        { name: 'out', type: 'symlink', linkname: '/tmp' },
        { name: 'out/escape', body: 'x' },
      ],
    ],
    ['a special file', [{ name: 'pipe', type: 'fifo' }]],
  ] as [string, Entry[]][])('refuses %s and keeps nothing', async (_what, entries) => {
    await expect(contexts.receive(tarOf(entries))).rejects.toThrow(
      /Couldn't take the uploaded folder/,
    );
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(root)).toEqual([]);
  });
});
