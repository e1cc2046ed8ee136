import { gzipSync, zstdCompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { digestOf, makeTar, type FixtureEntry } from '../../../../test/helpers/tar-fixture.ts';
import { ImageArchiveReader } from './archive-reader.ts';
import { resolveImage } from './archive-layout.ts';

const layerA = makeTar([
  { name: 'bin/', type: 'dir' },
  { name: 'bin/busybox', body: 'b'.repeat(3000) },
]);
const layerB = makeTar([
  { name: 'etc/', type: 'dir' },
  { name: 'etc/hosts', body: 'hosts' },
]);
const config = (diffIds: string[]) =>
  JSON.stringify({
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: [
      { created_by: 'ADD a /' },
      { created_by: 'ENV X=1', empty_layer: true },
      { created_by: 'ADD b /' },
    ],
  });

async function read(archive: Uint8Array, chunk = 4096) {
  const reader = new ImageArchiveReader();
  for (let at = 0; at < archive.length; at += chunk) {
    reader.write(archive.subarray(at, at + chunk));
    await reader.pressure();
  }
  return reader.finish();
}

/** The classic `docker save` layout, members in lexical order as the engine writes them. */
function classicArchive(
  layers: Uint8Array[],
  opts: { configDiffIds?: string[]; duplicateLast?: boolean } = {},
) {
  const diffIds = layers.map(digestOf);
  if (opts.duplicateLast) diffIds.push(digestOf(layers[0]!));
  const cfg = config(opts.configDiffIds ?? diffIds);
  const imageHex = digestOf(Buffer.from(cfg)).slice(7);
  const dirs = layers.map((_, i) => `${String(i).padStart(2, '0')}${'a'.repeat(62)}`);
  const members: FixtureEntry[] = [];
  layers.forEach((layer, i) => {
    members.push({ name: `${dirs[i]}/`, type: 'dir' }, { name: `${dirs[i]}/VERSION`, body: '1.0' });
    members.push({ name: `${dirs[i]}/json`, body: '{"id":"x"}' });
    members.push({ name: `${dirs[i]}/layer.tar`, body: layer });
  });
  const layerPaths = dirs.map((d) => `${d}/layer.tar`);
  if (opts.duplicateLast) {
    const dup = `zz${'b'.repeat(62)}`;
    members.push({ name: `${dup}/`, type: 'dir' });
    members.push({
      name: `${dup}/layer.tar`,
      type: 'symlink',
      linkname: `../${dirs[0]}/layer.tar`,
    });
    layerPaths.push(`${dup}/layer.tar`);
  }
  members.push({ name: `${imageHex}.json`, body: cfg });
  members.push({
    name: 'manifest.json',
    body: JSON.stringify([{ Config: `${imageHex}.json`, RepoTags: ['t:1'], Layers: layerPaths }]),
  });
  members.push({ name: 'repositories', body: '{"t":{"1":"x"}}' });
  return { archive: makeTar(members), imageId: `sha256:${imageHex}` };
}

/** The OCI / containerd-store layout: blobs by digest, index.json naming the manifest. */
function ociArchive(
  layers: { tar: Uint8Array; compression: 'none' | 'gzip' | 'zstd'; mediaType?: string }[],
  opts: { nested?: boolean } = {},
) {
  const blobs: FixtureEntry[] = [];
  const blob = (body: Uint8Array | string) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const digest = digestOf(bytes);
    blobs.push({ name: `blobs/sha256/${digest.slice(7)}`, body: bytes });
    return digest;
  };
  const cfg = config(layers.map((l) => digestOf(l.tar)));
  const configDigest = blob(cfg);
  const types = {
    none: 'application/vnd.oci.image.layer.v1.tar',
    gzip: 'application/vnd.oci.image.layer.v1.tar+gzip',
    zstd: 'application/vnd.oci.image.layer.v1.tar+zstd',
  };
  const layerDescriptors = layers.map((l) => {
    const stored =
      l.compression === 'gzip'
        ? gzipSync(l.tar)
        : l.compression === 'zstd'
          ? zstdCompressSync(l.tar)
          : l.tar;
    return {
      mediaType: l.mediaType ?? types[l.compression],
      digest: blob(stored),
      size: stored.length,
    };
  });
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest },
    layers: layerDescriptors,
  });
  let top = { mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: blob(manifest) };
  if (opts.nested) {
    const inner = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: [top],
    });
    top = { mediaType: 'application/vnd.oci.image.index.v1+json', digest: blob(inner) };
  }
  blobs.sort((a, b) => (String(a.name) < String(b.name) ? -1 : 1));
  const members: FixtureEntry[] = [
    { name: 'blobs/', type: 'dir' },
    { name: 'blobs/sha256/', type: 'dir' },
    ...blobs,
    { name: 'index.json', body: JSON.stringify({ schemaVersion: 2, manifests: [top] }) },
    { name: 'manifest.json', body: '[]' },
    { name: 'oci-layout', body: '{"imageLayoutVersion":"1.0.0"}' },
  ];
  return { archive: makeTar(members), imageId: configDigest };
}

describe('reading an image archive', () => {
  it('the classic layout: layers before the manifest that orders them, a layer saved twice as a link', async () => {
    const { archive, imageId } = classicArchive([layerA, layerB], { duplicateLast: true });
    const image = resolveImage(await read(archive, 1000), imageId);
    expect(image.layers.map((l) => l.diffId)).toEqual([
      digestOf(layerA),
      digestOf(layerB),
      digestOf(layerA),
    ]);
    expect(image.layers[0]!.list.paths).toEqual(['bin', 'bin/busybox']);
    expect(image.layers[0]!.list.sizes).toEqual([0, 3000]);
    expect(image.config.history?.[1]?.empty_layer).toBe(true);
  });

  it('the OCI layout with uncompressed, gzip and zstd layers, by their media types', async () => {
    const { archive, imageId } = ociArchive([
      { tar: layerA, compression: 'gzip' },
      { tar: layerB, compression: 'zstd' },
      { tar: layerA, compression: 'none' },
    ]);
    const image = resolveImage(await read(archive, 777), imageId);
    expect(image.layers.map((l) => [l.diffId, l.compression])).toEqual([
      [digestOf(layerA), 'gzip'],
      [digestOf(layerB), 'zstd'],
      [digestOf(layerA), 'none'],
    ]);
    expect(image.layers[1]!.list.paths).toEqual(['etc', 'etc/hosts']);
  });

  it('follows a nested index to the image manifest, and Docker media types too', async () => {
    const { archive, imageId } = ociArchive(
      [
        {
          tar: layerA,
          compression: 'gzip',
          mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
        },
      ],
      { nested: true },
    );
    const image = resolveImage(await read(archive), imageId);
    expect(image.layers.map((l) => l.diffId)).toEqual([digestOf(layerA)]);
  });

  it('refuses a layer whose bytes disagree with its media type', async () => {
    const { archive, imageId } = ociArchive([
      {
        tar: layerA,
        compression: 'zstd',
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
      },
    ]);
    const contents = await read(archive);
    expect(() => resolveImage(contents, imageId)).toThrow(/is zstd but its media type says gzip/);
  });

  it('refuses a layer whose content does not match its diffID', async () => {
    const { archive, imageId } = classicArchive([layerA], { configDiffIds: [digestOf(layerB)] });
    const contents = await read(archive);
    expect(() => resolveImage(contents, imageId)).toThrow(/does not match its diffID/);
  });

  it('says a truncated archive ended early, and a corrupt gzip layer is not valid gzip', async () => {
    const { archive } = classicArchive([layerA, layerB]);
    await expect(read(archive.subarray(0, archive.length - 3000))).rejects.toThrow(/ended early/);
    const gz = ociArchive([{ tar: layerA, compression: 'gzip' }]);
    const blobStart = gz.archive.indexOf(Buffer.from([0x1f, 0x8b]));
    const broken = Buffer.from(gz.archive);
    broken.fill(0x55, blobStart + 20, blobStart + 60);
    await expect(read(broken)).rejects.toThrow(/gzip|ended early|not a tar/);
  });
});
