// Create, remove and prune volumes, and read their sizes. dockerd 20.10's
// `/volumes/prune` (API 1.41) takes every unused volume of the `local` driver,
// named or anonymous ("unused": no container, running or stopped, mounts it),
// except those made with driver options (`-o type=tmpfs`, a device, a bind:
// measured here, they stay);
// later engines (API 1.42+) take only anonymous ones unless `all=true`. The
// preview asks the engine the same question its prune asks itself
// (`dangling=true`, local driver, no options, anonymous on 1.42+), so it lists
// exactly what goes.
import type Docker from 'dockerode';
import { ContractError } from '../../contract/errors.ts';
import type {
  VolumeCreateSpec,
  VolumePrunePreview,
  VolumePruneResult,
} from '../../contract/volume-actions-channels.ts';
import { isAnonymousVolumeName } from '../containers/container-settings.ts';
import { toErrorEnvelope } from '../engine-errors.ts';

export async function createVolume(
  docker: Docker,
  spec: VolumeCreateSpec,
): Promise<{ name: string }> {
  try {
    const volume = (await docker.createVolume({
      ...(spec.name ? { Name: spec.name } : {}),
      Driver: spec.driver,
      DriverOpts: spec.options,
      Labels: spec.labels,
    })) as unknown as { Name?: string; name?: string };
    return { name: volume.Name ?? volume.name ?? spec.name ?? '' };
  } catch (err) {
    throw new ContractError(
      toErrorEnvelope(err, `Couldn't create volume${spec.name ? ` ${spec.name}` : ''}`),
    );
  }
}

/** The containers that mount a volume, with their state: what blocks its removal. */
export async function volumeUsers(
  docker: Docker,
  name: string,
): Promise<{ name: string; state: string }[]> {
  // The engine's `volume` filter matches mount destinations too: keep the exact name.
  const listed = await docker.listContainers({ all: true, filters: { volume: [name] } });
  return listed
    .filter((c) => c.Mounts.some((m) => m.Type === 'volume' && m.Name === name))
    .map((c) => ({ name: (c.Names[0] ?? c.Id).replace(/^\//, ''), state: c.State }));
}

export async function removeVolume(docker: Docker, name: string, force: boolean): Promise<void> {
  try {
    await docker.getVolume(name).remove({ force });
  } catch (err) {
    const envelope = toErrorEnvelope(err, `Couldn't remove volume ${name}`);
    if (envelope.status !== 409) throw new ContractError(envelope);
    // The engine names the users by id only: say who they are, keeping its words.
    const users = await volumeUsers(docker, name).catch(() => []);
    if (users.length === 0) throw new ContractError(envelope);
    const list = users.map((u) => `${u.name} (${u.state === 'running' ? 'running' : 'stopped'})`);
    throw new ContractError({
      ...envelope,
      message: `Couldn't remove volume ${name}: ${users.length === 1 ? 'a container uses' : `${users.length} containers use`} it: ${list.join(', ')}.`,
      hint: `Remove ${users.length === 1 ? 'that container' : 'those containers'} first; Force does not remove a volume in use.`,
    });
  }
}

/** Volume sizes by name from `/system/df`; -1 (not computed) is left out. */
export async function volumeSizes(docker: Docker): Promise<Record<string, number>> {
  try {
    const df = (await docker.df()) as {
      Volumes?: { Name: string; UsageData?: { Size?: number } | null }[] | null;
    };
    const sizes: Record<string, number> = {};
    for (const v of df.Volumes ?? []) {
      const size = v.UsageData?.Size;
      if (typeof size === 'number' && size >= 0) sizes[v.Name] = size;
    }
    return sizes;
  } catch (err) {
    throw new ContractError(toErrorEnvelope(err, "Couldn't read the volumes' sizes"));
  }
}

export async function volumePrunePreview(docker: Docker): Promise<VolumePrunePreview> {
  try {
    const [all, unused, sizes, version] = await Promise.all([
      docker.listVolumes(),
      docker.listVolumes({ filters: { dangling: ['true'] } }),
      volumeSizes(docker),
      docker.version(),
    ]);
    const anonymousOnly = apiAtLeast(version.ApiVersion, 1, 42);
    const unusedVolumes = unused.Volumes ?? [];
    const local = unusedVolumes.filter((v) => v.Driver === 'local');
    const plain = local.filter((v) => Object.keys(v.Options ?? {}).length === 0);
    const taken = plain.filter((v) => !anonymousOnly || isAnonymousVolumeName(v.Name));
    const volumes = taken
      .map((v) => ({ name: v.Name, size: sizes[v.Name] ?? null }))
      .sort((a, b) => a.name.localeCompare(b.name));
    return {
      volumes,
      bytes: volumes.reduce((sum, v) => sum + (v.size ?? 0), 0),
      keptInUse: (all.Volumes ?? []).length - unusedVolumes.length,
      keptOtherDriver: unusedVolumes.length - local.length,
      keptWithOptions: local.length - plain.length,
      anonymousOnly,
    };
  } catch (err) {
    throw new ContractError(toErrorEnvelope(err, "Couldn't work out what a prune would remove"));
  }
}

function apiAtLeast(version: string | undefined, major: number, minor: number): boolean {
  const [a = 0, b = 0] = (version ?? '').split('.').map(Number);
  return a > major || (a === major && b >= minor);
}

export async function pruneVolumes(docker: Docker): Promise<VolumePruneResult> {
  try {
    const reply = (await docker.pruneVolumes()) as {
      VolumesDeleted?: string[] | null;
      SpaceReclaimed?: number;
    };
    return { deleted: reply.VolumesDeleted ?? [], bytesFreed: reply.SpaceReclaimed ?? 0 };
  } catch (err) {
    throw new ContractError(toErrorEnvelope(err, "Couldn't prune volumes"));
  }
}
