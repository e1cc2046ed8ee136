import { describe, expect, it } from 'vitest';
import { makeTar } from '../../../../test/helpers/tar-fixture.ts';
import { TarReader, type TarHeader } from './tar-reader.ts';

const latin1 = new TextDecoder('latin1');

function readAll(tar: Uint8Array, chunkSize: number) {
  const seen: {
    name: string;
    type: TarHeader['type'];
    size: number;
    link: string;
    body: string;
  }[] = [];
  const reader = new TarReader((h) => {
    const entry = {
      name: latin1.decode(h.name),
      type: h.type,
      size: h.size,
      link: latin1.decode(h.linkname),
      body: '',
    };
    seen.push(entry);
    return { data: (c) => (entry.body += latin1.decode(c)), end: () => {} };
  });
  for (let at = 0; at < tar.length; at += chunkSize) reader.write(tar.subarray(at, at + chunkSize));
  reader.end();
  return seen;
}

const fixture = makeTar([
  { name: 'etc/', type: 'dir' },
  { name: 'etc/hosts', body: 'x'.repeat(700) },
  { name: `deep/${'n'.repeat(150)}`, body: 'long' },
  { name: 'bin/sh', type: 'symlink', linkname: '/bin/busybox' },
  { name: 'bin/ash', type: 'hardlink', linkname: 'bin/busybox' },
  { name: 'empty', body: '' },
]);

describe('TarReader', () => {
  it('reads the same entries and bodies whatever the chunk boundaries', () => {
    const whole = readAll(fixture, fixture.length);
    expect(whole.map((e) => [e.name, e.type, e.size])).toEqual([
      ['etc/', 'dir', 0],
      ['etc/hosts', 'file', 700],
      [`deep/${'n'.repeat(150)}`, 'file', 4],
      ['bin/sh', 'symlink', 0],
      ['bin/ash', 'hardlink', 0],
      ['empty', 'file', 0],
    ]);
    expect(whole[1]!.body).toBe('x'.repeat(700));
    expect(whole[3]!.link).toBe('/bin/busybox');
    for (const size of [1, 7, 511, 512, 513, 1000]) expect(readAll(fixture, size)).toEqual(whole);
  });

  it('says the archive ended early when it stops inside an entry or before its end marker', () => {
    expect(() => readAll(fixture.subarray(0, 1500), 4096)).toThrow(/ended early/);
    expect(() => readAll(fixture.subarray(0, fixture.length - 1024), 4096)).toThrow(/ended early/);
  });

  it('refuses a header whose checksum is wrong', () => {
    const bad = Buffer.from(fixture);
    bad[600] = bad[600]! ^ 0xff; // inside the second header's name
    expect(() => readAll(bad, 4096)).toThrow(/bad header checksum/);
  });
});
