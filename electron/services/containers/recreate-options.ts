// The create options for a container's successor: its own configuration from
// `docker inspect`, with the changed parts replaced. Whatever Berth does not
// model (capabilities, devices, DNS, log driver...) is carried over untouched.
import type Docker from 'dockerode';
import type { ContainerInspectInfo } from 'dockerode';
import type { RecreateChanges } from '../../contract/run-spec/spec.ts';
import { isAnonymousVolumeName, linkOf } from './container-settings.ts';
import { mountsOf, portsOf, restartPolicyOf, type Mount } from './create-container.ts';

export function recreateOptions(
  info: ContainerInspectInfo,
  changes: RecreateChanges,
  opts: {
    name: string;
    image: string;
    imageVolumes: string[];
    /** Volumes it has through `--volumes-from`: its sources', not its own to carry over. */
    inheritedVolumes?: string[];
  },
): Docker.ContainerCreateOptions {
  const config: Docker.ContainerCreateOptions = {
    ...info.Config,
    name: opts.name,
    Image: opts.image,
  };
  // The engine names a container's host after its id unless told otherwise: the successor gets its own.
  if (info.Config.Hostname === info.Id.slice(0, 12)) delete config.Hostname;
  const host: Docker.HostConfig = { ...info.HostConfig };
  if (host.Links?.length) host.Links = host.Links.map(linkOf);

  // The changed parts, built the way the New container dialog builds them.
  if (changes.env) config.Env = changes.env;
  if (changes.restart) host.RestartPolicy = restartPolicyOf(changes.restart);
  if (changes.ports) {
    // Keep ports only exposed (EXPOSE, --expose); replace the published ones.
    const oldPublished = new Set(Object.keys(info.HostConfig.PortBindings ?? {}));
    const { exposed, bindings } = portsOf(changes.ports);
    config.ExposedPorts = {
      ...Object.fromEntries(
        Object.keys(info.Config.ExposedPorts ?? {})
          .filter((key) => !oldPublished.has(key))
          .map((key) => [key, {}]),
      ),
      ...exposed,
    };
    host.PortBindings = bindings;
  }
  if (changes.volumes) {
    host.Binds = [];
    host.Mounts = mountsOf(changes.volumes);
    config.Volumes = {};
  }
  host.Mounts = keepAnonymousVolumes(
    info,
    host,
    changes,
    opts.imageVolumes,
    new Set(opts.inheritedVolumes),
  );
  return { ...config, HostConfig: host, NetworkingConfig: primaryNetwork(info) };
}

/**
 * An anonymous volume holds data too: the successor mounts the same volume at
 * the same path (as Compose does), where the new configuration still has an
 * anonymous volume there or the image declares one.
 */
function keepAnonymousVolumes(
  info: ContainerInspectInfo,
  host: Docker.HostConfig,
  changes: RecreateChanges,
  imageVolumes: string[],
  inherited: ReadonlySet<string>,
): Mount[] {
  const mounts: Mount[] = [...(host.Mounts ?? [])];
  const bound = new Set(
    (host.Binds ?? []).map((bind) => bind.split(':')[1]).filter((t): t is string => Boolean(t)),
  );
  for (const old of info.Mounts) {
    if (old.Type !== 'volume' || !isAnonymousVolumeName(old.Name) || inherited.has(old.Name!))
      continue;
    const target = old.Destination;
    const at = mounts.findIndex((m) => m.Target === target);
    const reuse: Mount = { Type: 'volume', Source: old.Name!, Target: target, ReadOnly: !old.RW };
    if (at >= 0) {
      if (mounts[at]!.Type === 'volume' && !mounts[at]!.Source) {
        mounts[at] = { ...reuse, ReadOnly: mounts[at]!.ReadOnly ?? false };
      }
    } else if (!bound.has(target) && (!changes.volumes || imageVolumes.includes(target))) {
      mounts.push(reuse);
    }
  }
  return mounts;
}

/** A user network keeps its aliases and fixed address; other networks are joined after create. */
function primaryNetwork(
  info: ContainerInspectInfo,
): Docker.ContainerCreateOptions['NetworkingConfig'] {
  const mode = info.HostConfig.NetworkMode ?? '';
  const endpoint = info.NetworkSettings.Networks[mode];
  if (!endpoint || ['default', 'bridge', 'host', 'none'].includes(mode)) return undefined;
  const shortId = info.Id.slice(0, 12);
  return {
    EndpointsConfig: {
      [mode]: {
        ...(endpoint.IPAMConfig ? { IPAMConfig: endpoint.IPAMConfig } : {}),
        Aliases: (endpoint.Aliases ?? []).filter((a: string) => a !== shortId),
      },
    },
  };
}

/** The networks besides the primary one, with the aliases to join them with. */
export function otherNetworks(info: ContainerInspectInfo): { name: string; aliases: string[] }[] {
  const mode = info.HostConfig.NetworkMode ?? '';
  const shortId = info.Id.slice(0, 12);
  return Object.entries(info.NetworkSettings.Networks)
    .filter(([name]) => name !== mode && !(mode === 'default' && name === 'bridge'))
    .map(([name, endpoint]) => ({
      name,
      aliases: (endpoint.Aliases ?? []).filter((a: string) => a !== shortId),
    }));
}
