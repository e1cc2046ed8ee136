import { Readable } from 'node:stream';
import * as tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { busyboxFor, SAMPLE_SITE_ASSETS, sampleSiteTar } from './sample-site.ts';

describe('busyboxFor', () => {
  it("names the shipped busybox for the engine's architecture, or none", () => {
    expect(busyboxFor('x86_64')).toBe('amd64');
    expect(busyboxFor('aarch64')).toBe('arm64');
    expect(busyboxFor('arm64')).toBe('arm64');
    expect(busyboxFor('s390x')).toBeNull();
  });
});

describe('sampleSiteTar', () => {
  it('holds busybox, a link per applet, the page and a /tmp anyone may write', async () => {
    const entries = new Map<string, tar.Header>();
    const extract = tar.extract();
    extract.on('entry', (header, stream, next) => {
      entries.set(header.name, header);
      stream.on('end', next).resume();
    });
    const done = new Promise<void>((resolve) => extract.on('finish', () => resolve()));
    Readable.from([await sampleSiteTar(SAMPLE_SITE_ASSETS, 'arm64')]).pipe(extract);
    await done;
    expect(entries.get('bin/busybox')).toMatchObject({ type: 'file', mode: 0o755 });
    expect(entries.get('bin/busybox')!.size).toBeGreaterThan(1_000_000);
    expect(entries.get('bin/sh')).toMatchObject({ type: 'symlink', linkname: 'busybox' });
    expect(entries.get('bin/httpd')).toMatchObject({ type: 'symlink', linkname: 'busybox' });
    expect(entries.get('www/index.html')).toMatchObject({ type: 'file' });
    expect(entries.get('tmp')).toMatchObject({ type: 'directory', mode: 0o1777 });
  });
});
