// A container's configuration as the run spec the New container dialog uses,
// read back from `docker inspect`. The engine merges the image's defaults
// (ENV, LABEL, CMD, WORKDIR...) into the container, so whatever equals the
// image's is left out: what remains is what was chosen for this container.
import type Docker from 'dockerode';
import type { ContainerInspectInfo, ImageInspectInfo } from 'dockerode';
import { ContractError } from '../../contract/errors.ts';
import type { ContainerSettings } from '../../contract/container-types.ts';
import {
  emptyRunSpec,
  type PortSpec,
  type RunSpec,
  type VolumeSpec,
} from '../../contract/run-spec/spec.ts';
import { toErrorEnvelope } from '../engine-errors.ts';

/** Volumes the engine named itself (`-v /data`, an image's VOLUME) have 64-hex names. */
export const isAnonymousVolumeName = (name: string | undefined) =>
  name !== undefined && /^[0-9a-f]{64}$/.test(name);

/** The Settings tab's view of a container, read from the engine now. */
export async function containerSettings(docker: Docker, id: string): Promise<ContainerSettings> {
  try {
    const info = await docker.getContainer(id).inspect();
    const image = await docker
      .getImage(info.Image)
      .inspect()
      .catch(() => undefined);
    return settingsFromInspect(info, image, await inheritedMounts(docker, info));
  } catch (err) {
    throw new ContractError(toErrorEnvelope(err, `Couldn't read the settings of ${id}`));
  }
}

/**
 * The mounts a container has through `--volumes-from`: its sources' own. A
 * source that is gone leaves its mounts counted as the container's.
 */
export async function inheritedMounts(
  docker: Docker,
  info: ContainerInspectInfo,
): Promise<ContainerInspectInfo['Mounts']> {
  const sources = ((info.HostConfig.VolumesFrom ?? []) as string[]).map((v) =>
    v.replace(/:(ro|rw)$/, ''),
  );
  const found = await Promise.all(
    sources.map((s) =>
      docker
        .getContainer(s)
        .inspect()
        .then((c) => c.Mounts)
        .catch(() => []),
    ),
  );
  return found.flat();
}

export function settingsFromInspect(
  container: ContainerInspectInfo,
  image?: ImageInspectInfo,
  inherited: ContainerInspectInfo['Mounts'] = [],
): ContainerSettings {
  const config = container.Config;
  const host = container.HostConfig;
  const imageConfig = image?.Config;
  const spec: RunSpec = { ...emptyRunSpec(), image: config.Image, start: container.State.Running };
  spec.name = container.Name.replace(/^\//, '');

  const entrypoint = listOf(config.Entrypoint);
  const cmd = listOf(config.Cmd);
  const ownEntrypoint = !sameList(entrypoint, listOf(imageConfig?.Entrypoint));
  if (ownEntrypoint && entrypoint.length) {
    // `--entrypoint` takes one word; the rest of a longer one goes before the command.
    spec.entrypoint = entrypoint[0];
    spec.command = [...entrypoint.slice(1), ...cmd];
  } else if (ownEntrypoint || !sameList(cmd, listOf(imageConfig?.Cmd))) {
    spec.command = cmd;
  }

  const imageEnv = new Set(imageConfig?.Env ?? []);
  spec.env = (config.Env ?? []).filter((line) => !imageEnv.has(line));
  const imageLabels = imageConfig?.Labels ?? {};
  spec.labels = Object.fromEntries(
    Object.entries(config.Labels ?? {}).filter(([key, value]) => imageLabels[key] !== value),
  );
  if (config.User && config.User !== imageConfig?.User) spec.user = config.User;
  if (config.WorkingDir && config.WorkingDir !== imageConfig?.WorkingDir) {
    spec.workdir = config.WorkingDir;
  }

  spec.ports = portsOf(host.PortBindings as PortBindings | undefined);
  spec.publishAll = host.PublishAllPorts ?? false;
  // What `--volumes-from` brings is the sources' to say, not a volume of this container's own.
  const fromSources = new Set(inherited.map((m) => `${m.Name ?? m.Source}\n${m.Destination}`));
  spec.volumes = volumesOf(
    container.Mounts.filter((m) => !fromSources.has(`${m.Name ?? m.Source}\n${m.Destination}`)),
  );
  const volumesFrom = (host.VolumesFrom ?? []) as string[];
  if (volumesFrom.length) spec.volumesFrom = volumesFrom;
  if (host.NetworkMode && host.NetworkMode !== 'default') spec.network = host.NetworkMode;
  // Inspect writes links as /target:/self/alias.
  const links = (host.Links ?? []).map(linkOf);
  if (links.length) spec.links = links;
  const restart = host.RestartPolicy?.Name || 'no';
  spec.restart = { name: restart as RunSpec['restart']['name'] };
  if (restart === 'on-failure' && host.RestartPolicy?.MaximumRetryCount) {
    spec.restart.maxRetries = host.RestartPolicy.MaximumRetryCount;
  }
  if (host.Memory) spec.memoryBytes = host.Memory;
  if (host.CpuShares) spec.cpuShares = host.CpuShares;
  if (host.CpusetCpus) spec.cpuset = host.CpusetCpus;
  spec.privileged = host.Privileged ?? false;
  spec.autoRemove = host.AutoRemove ?? false;
  spec.tty = config.Tty;
  spec.interactive = config.OpenStdin;
  return { spec, running: container.State.Running, id: container.Id };
}

type PortBindings = Record<string, { HostIp?: string; HostPort?: string }[] | null>;

function portsOf(bindings: PortBindings | undefined): PortSpec[] {
  return Object.entries(bindings ?? {}).flatMap(([key, hosts]) => {
    const [port = '0', protocol = 'tcp'] = key.split('/');
    return (hosts ?? [{}]).map((h) => ({
      containerPort: Number(port),
      protocol: protocol as PortSpec['protocol'],
      ...(h.HostPort ? { hostPort: Number(h.HostPort) } : {}),
      ...(h.HostIp ? { hostIp: h.HostIp } : {}),
    }));
  });
}

function volumesOf(mounts: ContainerInspectInfo['Mounts']): VolumeSpec[] {
  return mounts.flatMap((m): VolumeSpec[] => {
    const readOnly = !m.RW;
    if (m.Type === 'bind')
      return [{ type: 'bind', source: m.Source, target: m.Destination, readOnly }];
    if (m.Type !== 'volume') return []; // tmpfs and the like: kept by a re-create, not shown
    return isAnonymousVolumeName(m.Name)
      ? [{ type: 'anonymous', target: m.Destination, readOnly }]
      : [{ type: 'volume', source: m.Name ?? '', target: m.Destination, readOnly }];
  });
}

/** `/db:/web/database` (inspect's form) -> `db:database` (what create and --link take). */
export function linkOf(link: string): string {
  const [target = '', alias = ''] = link.split(':');
  return `${target.replace(/^\//, '')}:${alias.split('/').at(-1)}`;
}

function listOf(value: string | string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
