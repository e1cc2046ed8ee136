// What the volumes mirror reads from the engine, over the calls client.
import type Docker from 'dockerode';
import type { ListedVolume, VolumeEngine } from './volumes-mirror.ts';

interface RawVolume {
  Name: string;
  Driver?: string;
  Mountpoint?: string;
  Scope?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
}

export function volumeEngine(docker: Docker): VolumeEngine {
  return {
    list: async (names) => {
      // The name filter matches parts of names; the mirror keeps exact ones.
      const filters = names ? JSON.stringify({ name: names }) : undefined;
      const answer = (await docker.listVolumes(filters ? { filters } : {})) as {
        Volumes?: RawVolume[] | null;
      };
      return (answer.Volumes ?? []).map(toListedVolume);
    },
  };
}

export function toListedVolume(v: RawVolume): ListedVolume {
  return {
    id: v.Name,
    name: v.Name,
    driver: v.Driver ?? '',
    mountpoint: v.Mountpoint ?? '',
    scope: v.Scope ?? 'local',
    createdAt: v.CreatedAt ?? '',
    labels: v.Labels ?? {},
    options: v.Options ?? {},
  };
}
