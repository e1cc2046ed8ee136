// Which members of a read archive are the image's layers, in order, from its
// manifests rather than guesses: the OCI layout's `index.json` (followed
// through nested indexes to image manifests, whose layer media types say how
// each blob is compressed), else the classic `manifest.json`. Every layer's
// computed diffID must equal the config's `rootfs.diff_ids` entry: that is
// what makes a read trustworthy enough to cache.
import type { ArchiveContents, Compression, ReadLayer } from './archive-reader.ts';

export class ArchiveLayoutError extends Error {
  override name = 'ArchiveLayoutError';
}

export interface ImageConfig {
  rootfs?: { diff_ids?: string[] };
  history?: {
    created?: string;
    created_by?: string;
    comment?: string;
    author?: string;
    empty_layer?: boolean;
  }[];
}

export interface ResolvedImage {
  config: ImageConfig;
  layers: ReadLayer[];
}

interface Descriptor {
  mediaType?: string;
  digest?: string;
}

interface OciManifest {
  mediaType?: string;
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
}

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);

/** The compression a layer media type names; undefined for a type that is no layer we read. */
export function compressionOf(mediaType: string | undefined): Compression | undefined {
  switch (mediaType) {
    case 'application/vnd.oci.image.layer.v1.tar':
    case 'application/vnd.oci.image.layer.nondistributable.v1.tar':
    case 'application/vnd.docker.image.rootfs.diff.tar':
      return 'none';
    case 'application/vnd.oci.image.layer.v1.tar+gzip':
    case 'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip':
    case 'application/vnd.docker.image.rootfs.diff.tar.gzip':
    case 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip':
      return 'gzip';
    case 'application/vnd.oci.image.layer.v1.tar+zstd':
    case 'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd':
      return 'zstd';
    default:
      return undefined;
  }
}

/** `imageId` (`sha256:…`) picks the image when the archive holds several. */
export function resolveImage(contents: ArchiveContents, imageId: string): ResolvedImage {
  if (contents.json.has('index.json')) return resolveOci(contents, imageId);
  if (contents.json.has('manifest.json')) return resolveClassic(contents, imageId);
  throw new ArchiveLayoutError('the archive has neither index.json nor manifest.json');
}

function resolveClassic(contents: ArchiveContents, imageId: string): ResolvedImage {
  const manifest = parse<{ Config?: string; Layers?: string[] }[]>(contents, 'manifest.json');
  if (!Array.isArray(manifest) || manifest.length === 0) {
    throw new ArchiveLayoutError('manifest.json lists no image');
  }
  const hex = imageId.replace(/^sha256:/, '');
  const entry =
    manifest.find((m) => typeof m.Config === 'string' && m.Config.includes(hex)) ?? manifest[0]!;
  if (typeof entry.Config !== 'string' || !Array.isArray(entry.Layers)) {
    throw new ArchiveLayoutError('manifest.json has no Config or Layers');
  }
  const config = parse<ImageConfig>(contents, entry.Config);
  const layers = entry.Layers.map((path) => layerAt(contents, path, undefined));
  return { config, layers: checked(config, layers) };
}

function resolveOci(contents: ArchiveContents, imageId: string): ResolvedImage {
  const found: { manifest: OciManifest; chain: string[] }[] = [];
  const visit = (node: OciManifest, chain: string[], depth: number) => {
    if (depth > 8) throw new ArchiveLayoutError('index.json nests indexes too deep');
    for (const d of node.manifests ?? []) {
      if (!d.digest) continue;
      const child = parse<OciManifest>(contents, blobPath(d.digest));
      if (INDEX_TYPES.has(d.mediaType ?? child.mediaType ?? '') || Array.isArray(child.manifests)) {
        visit(child, [...chain, d.digest], depth + 1);
      } else if (child.config && Array.isArray(child.layers)) {
        found.push({ manifest: child, chain: [...chain, d.digest] });
      }
    }
  };
  visit(parse<OciManifest>(contents, 'index.json'), [], 0);
  // A containerd-store image id may be its index's or manifest's digest, a classic one its config's.
  const chosen =
    found.find((f) => f.manifest.config?.digest === imageId || f.chain.includes(imageId)) ??
    found.find((f) =>
      (f.manifest.layers ?? []).every((l) => l.digest && hasMember(contents, blobPath(l.digest))),
    );
  if (!chosen)
    throw new ArchiveLayoutError('index.json names no image manifest found in the archive');
  const { manifest } = chosen;
  const config = parse<ImageConfig>(contents, blobPath(manifest.config!.digest!));
  const layers = manifest.layers!.map((d, i) => {
    if (!d.digest) throw new ArchiveLayoutError(`layer ${i} of the manifest has no digest`);
    const compression = compressionOf(d.mediaType);
    if (!compression) {
      throw new ArchiveLayoutError(
        `layer ${i} has media type ${d.mediaType ?? '(none)'}, which is no layer format Berth reads`,
      );
    }
    return layerAt(contents, blobPath(d.digest), compression);
  });
  return { config, layers: checked(config, layers) };
}

function layerAt(
  contents: ArchiveContents,
  path: string,
  expected: Compression | undefined,
): ReadLayer {
  let at = path;
  for (let hops = 0; hops < 8 && !contents.layers.has(at); hops++) {
    const next = contents.links.get(at);
    if (!next) break;
    at = next;
  }
  const layer = contents.layers.get(at);
  if (!layer) throw new ArchiveLayoutError(`the layer ${path} is missing from the archive`);
  if (expected && layer.compression !== expected) {
    throw new ArchiveLayoutError(
      `the layer ${path} is ${layer.compression === 'none' ? 'uncompressed' : layer.compression} but its media type says ${expected === 'none' ? 'uncompressed' : expected}`,
    );
  }
  // The member itself, not the path the manifest names: a linked member extracts as nothing.
  return { ...layer, archivePath: at };
}

function checked(config: ImageConfig, layers: ReadLayer[]): ReadLayer[] {
  const diffIds = config.rootfs?.diff_ids;
  if (!Array.isArray(diffIds) || diffIds.length !== layers.length) {
    throw new ArchiveLayoutError(
      `the config names ${Array.isArray(diffIds) ? diffIds.length : 'no'} layers but the manifest ${layers.length}`,
    );
  }
  layers.forEach((layer, i) => {
    if (layer.diffId !== diffIds[i]) {
      throw new ArchiveLayoutError(
        `layer ${i} does not match its diffID (read ${layer.diffId.slice(0, 19)}…, expected ${String(diffIds[i]).slice(0, 19)}…): the archive is corrupt`,
      );
    }
  });
  return layers;
}

function blobPath(digest: string): string {
  const [alg, hex] = digest.split(':');
  if (!alg || !hex || !/^[a-z0-9]+$/.test(alg) || !/^[0-9a-f]+$/.test(hex)) {
    throw new ArchiveLayoutError(`${digest} is not a digest`);
  }
  return `blobs/${alg}/${hex}`;
}

function hasMember(contents: ArchiveContents, path: string): boolean {
  return contents.layers.has(path) || contents.links.has(path);
}

const utf8 = new TextDecoder();

function parse<T>(contents: ArchiveContents, path: string): T {
  let at = path;
  for (let hops = 0; hops < 8 && !contents.json.has(at); hops++) {
    const next = contents.links.get(at);
    if (!next) break;
    at = next;
  }
  const bytes = contents.json.get(at);
  if (!bytes) throw new ArchiveLayoutError(`${path} is missing from the archive`);
  try {
    return JSON.parse(utf8.decode(bytes)) as T;
  } catch {
    throw new ArchiveLayoutError(`${path} is not valid JSON`);
  }
}
