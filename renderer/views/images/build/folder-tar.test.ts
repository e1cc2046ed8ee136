import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { folderTar, pickedFiles } from './folder-tar.ts';

async function entries(blob: Blob) {
  const extract = tar.extract();
  extract.end(new Uint8Array(await blob.arrayBuffer()));
  const out: { name: string; size: number; mode: number; body: string }[] = [];
  for await (const entry of extract) {
    let body = '';
    const decoder = new TextDecoder();
    for await (const chunk of entry) body += decoder.decode(chunk as Uint8Array, { stream: true });
    out.push({
      name: entry.header.name,
      size: entry.header.size ?? 0,
      mode: entry.header.mode ?? 0,
      body,
    });
  }
  return out;
}

describe('folder tar', () => {
  it('names files relative to the picked folder and keeps their bytes', async () => {
    const picked = pickedFiles([
      Object.assign(
        new File(['FROM scratch\n'], 'Dockerfile', { lastModified: 1_700_000_000_000 }),
        {
          webkitRelativePath: 'app/Dockerfile',
        },
      ),
      Object.assign(new File(['ünï'], 'x.txt'), { webkitRelativePath: 'app/src/x.txt' }),
    ]);
    expect(picked.folder).toBe('app');
    expect(await entries(folderTar(picked.files))).toEqual([
      { name: 'Dockerfile', size: 13, mode: 0o644, body: 'FROM scratch\n' },
      { name: 'src/x.txt', size: 5, mode: 0o644, body: 'ünï' },
    ]);
  });

  it('carries a long name in a PAX header', async () => {
    const long = `${'deep/'.repeat(30)}file-ünï.txt`;
    const [entry] = await entries(folderTar([{ path: long, blob: new Blob(['x']), mtimeMs: 0 }]));
    expect(entry).toMatchObject({ name: long, body: 'x' });
  });
});
