// Whole image archives made by hand: the classic `docker save` layout (what
// dockerd 20.10 writes, and what `docker load` takes) and the OCI/containerd
// one, with uncompressed, gzip or zstd layers.
import { gzipSync, zstdCompressSync } from 'node:zlib';
import { digestOf, makeTar, type FixtureEntry } from './tar-fixture.ts';

interface HistoryStep {
  created_by: string;
  empty_layer?: boolean;
}

const config = (diffIds: string[], history?: HistoryStep[]) =>
  JSON.stringify({
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: history ?? [
      { created_by: 'ADD a /' },
      { created_by: 'ENV X=1', empty_layer: true },
      { created_by: 'ADD b /' },
    ],
    architecture: 'amd64',
    os: 'linux',
    config: { Cmd: ['/bin/sh'] },
  });

/** The classic `docker save` layout, members in lexical order as the engine writes them. */
export function classicArchive(
  layers: Uint8Array[],
  opts: {
    configDiffIds?: string[];
    duplicateLast?: boolean;
    history?: HistoryStep[];
    tag?: string;
  } = {},
) {
  const diffIds = layers.map(digestOf);
  if (opts.duplicateLast) diffIds.push(digestOf(layers[0]!));
  const cfg = config(opts.configDiffIds ?? diffIds, opts.history);
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
    body: JSON.stringify([
      { Config: `${imageHex}.json`, RepoTags: [opts.tag ?? 't:1'], Layers: layerPaths },
    ]),
  });
  members.push({ name: 'repositories', body: '{"t":{"1":"x"}}' });
  return { archive: makeTar(members), imageId: `sha256:${imageHex}` };
}

/** The OCI / containerd-store layout: blobs by digest, index.json naming the manifest. */
export function ociArchive(
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
