// `/system/df` read by the docker CLI's rules (cli/command/formatter/
// disk_usage.go, the 28.x CLI), so the page and `docker system df` agree:
// - Images: size = LayersSize; active = images some container uses;
//   reclaimable = size minus the unique bytes (Size - SharedSize) of the
//   images in use (a shared layer counts as reclaimable, as the CLI has it).
// - Containers: size = the writable layers (SizeRw); active = running, paused
//   or restarting; reclaimable = the writable layers of the others.
// - Local volumes: size = what the engine measured (-1 skipped); active =
//   used by a container; reclaimable = the sizes of those no container uses.
// - Build cache: size = records not shared; active = in use; reclaimable =
//   size minus the in-use records not shared; no percentage.
// Percentages are whole, rounded down (Go's integer division).
import type {
  DiskCacheRow,
  DiskContainerRow,
  DiskImageRow,
  DiskTotals,
  DiskUsage,
  DiskVolumeRow,
} from '../../contract/disk-channels.ts';

export interface RawDf {
  LayersSize?: number;
  Images?: RawDfImage[] | null;
  Containers?: RawDfContainer[] | null;
  Volumes?: RawDfVolume[] | null;
  BuildCache?: RawDfCache[] | null;
}

export interface RawDfImage {
  Id: string;
  RepoTags?: string[] | null;
  Created?: number;
  Size?: number;
  SharedSize?: number;
  Containers?: number;
}

export interface RawDfContainer {
  Id: string;
  Names?: string[] | null;
  Image?: string;
  Command?: string;
  Created?: number;
  SizeRw?: number;
  State?: string;
  Status?: string;
  Mounts?: { Driver?: string }[] | null;
}

export interface RawDfVolume {
  Name: string;
  UsageData?: { Size?: number; RefCount?: number } | null;
}

export interface RawDfCache {
  ID: string;
  Type?: string;
  Description?: string;
  InUse?: boolean;
  Shared?: boolean;
  Size?: number;
  CreatedAt?: string;
  LastUsedAt?: string | null;
  UsageCount?: number;
}

const percent = (part: number, whole: number) =>
  whole > 0 ? Math.trunc((part * 100) / whole) : null;

const activeState = (state: string) => /running|paused|restarting/.test(state);

/** `repo:tag` split at the tag's colon (a registry's port has a slash after it). */
function repoAndTag(tags: readonly string[] | null | undefined): [string, string] {
  const named = (tags ?? []).filter((t) => t !== '<none>:<none>');
  const first = named[0];
  if (!first) return ['<none>', '<none>'];
  const colon = first.lastIndexOf(':');
  if (colon <= first.lastIndexOf('/')) return [first, '<none>'];
  return [first.slice(0, colon), first.slice(colon + 1)];
}

export function imageRows(df: RawDf): DiskImageRow[] {
  return (df.Images ?? []).map((i) => {
    const [repository, tag] = repoAndTag(i.RepoTags);
    const size = i.Size ?? 0;
    const shared = i.SharedSize ?? 0;
    return {
      id: i.Id,
      repository,
      tag,
      created: i.Created ?? 0,
      size,
      sharedSize: shared,
      uniqueSize: shared >= 0 ? size - shared : size,
      containers: i.Containers ?? 0,
    };
  });
}

export function containerRows(df: RawDf): DiskContainerRow[] {
  return (df.Containers ?? []).map((c) => ({
    id: c.Id,
    name: (c.Names?.[0] ?? '').replace(/^\//, ''),
    image: c.Image ?? '',
    command: c.Command ?? '',
    localVolumes: (c.Mounts ?? []).filter((m) => m.Driver === 'local').length,
    size: c.SizeRw ?? 0,
    created: c.Created ?? 0,
    state: c.State ?? '',
    status: c.Status ?? '',
  }));
}

export function volumeRows(df: RawDf): DiskVolumeRow[] {
  return (df.Volumes ?? []).map((v) => ({
    name: v.Name,
    links: v.UsageData?.RefCount ?? 0,
    size: v.UsageData?.Size ?? -1,
  }));
}

export function cacheRows(df: RawDf): DiskCacheRow[] {
  return (df.BuildCache ?? []).map((b) => ({
    id: b.ID,
    type: b.Type ?? '',
    size: b.Size ?? 0,
    created: b.CreatedAt ?? '',
    lastUsed: b.LastUsedAt ?? null,
    usage: b.UsageCount ?? 0,
    shared: b.Shared ?? false,
    inUse: b.InUse ?? false,
    description: b.Description ?? '',
  }));
}

export function diskTotals(df: RawDf): DiskTotals[] {
  const images = df.Images ?? [];
  const imageSize = df.LayersSize ?? 0;
  let usedUnique = 0;
  for (const i of images) {
    // The CLI's test is `!= 0`: an engine's -1 ("not counted") counts as in use.
    if (i.Containers === 0 || i.Containers === undefined) continue;
    if (i.Size === undefined || i.Size === -1 || i.SharedSize === undefined || i.SharedSize === -1)
      continue;
    usedUnique += i.Size - i.SharedSize;
  }
  const imageFree = imageSize - usedUnique;

  const containers = containerRows(df);
  const containerSize = containers.reduce((sum, c) => sum + c.size, 0);
  const containerFree = containers
    .filter((c) => !activeState(c.state))
    .reduce((sum, c) => sum + c.size, 0);

  const volumes = volumeRows(df);
  const measured = volumes.filter((v) => v.size !== -1);
  const volumeSize = measured.reduce((sum, v) => sum + v.size, 0);
  const volumeFree = measured.filter((v) => v.links === 0).reduce((sum, v) => sum + v.size, 0);

  const cache = cacheRows(df);
  const cacheSize = cache.filter((c) => !c.shared).reduce((sum, c) => sum + c.size, 0);
  const cacheInUse = cache.filter((c) => c.inUse && !c.shared).reduce((sum, c) => sum + c.size, 0);

  return [
    {
      kind: 'images',
      total: images.length,
      active: images.filter((i) => (i.Containers ?? 0) > 0).length,
      size: imageSize,
      reclaimable: imageFree,
      reclaimablePercent: percent(imageFree, imageSize),
    },
    {
      kind: 'containers',
      total: containers.length,
      active: containers.filter((c) => activeState(c.state)).length,
      size: containerSize,
      reclaimable: containerFree,
      reclaimablePercent: percent(containerFree, containerSize),
    },
    {
      kind: 'volumes',
      total: volumes.length,
      active: volumes.filter((v) => v.links > 0).length,
      size: volumeSize,
      reclaimable: volumeFree,
      reclaimablePercent: percent(volumeFree, volumeSize),
    },
    {
      kind: 'buildCache',
      total: cache.length,
      active: cache.filter((c) => c.inUse).length,
      size: cacheSize,
      reclaimable: cacheSize - cacheInUse,
      reclaimablePercent: null,
    },
  ];
}

export function diskUsageOf(df: RawDf): DiskUsage {
  return {
    totals: diskTotals(df),
    images: imageRows(df),
    containers: containerRows(df),
    volumes: volumeRows(df),
    buildCache: cacheRows(df),
  };
}
