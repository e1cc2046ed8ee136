// Maps the engine's `GET /containers/json` entries to the contract's summary.
import type { ContainerInfo } from 'dockerode';
import type {
  ContainerHealth,
  ContainerMount,
  ContainerNetwork,
  ContainerState,
  ContainerSummary,
  PortBinding,
} from '../../contract/container-types.ts';

const knownStates = new Set<ContainerState>([
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
]);

/** `readAt`: when the engine answered, which is when its status text was true. */
export function toContainerSummary(info: ContainerInfo, readAt = Date.now()): ContainerSummary {
  const state = (info.State ?? '').toLowerCase() as ContainerState;
  const health = healthFromStatus(info.Status ?? '');
  return {
    id: info.Id,
    name: (info.Names?.[0] ?? info.Id.slice(0, 12)).replace(/^\//, ''),
    image: info.Image ?? '',
    imageId: info.ImageID ?? '',
    command: info.Command ?? '',
    created: info.Created ?? 0,
    state: knownStates.has(state) ? state : 'created',
    status: info.Status ?? '',
    statusAt: readAt,
    ports: (info.Ports ?? []).map(toPort),
    labels: info.Labels ?? {},
    mounts: (info.Mounts ?? []).map(toMount),
    networks: Object.entries(info.NetworkSettings?.Networks ?? {}).map(([name, n]) =>
      toNetwork(name, n),
    ),
    ...(health ? { health } : {}),
  };
}

/**
 * The health the engine appends to a running container's status text (the
 * list has no field for it): "Up 5 seconds (healthy)", "Up 1 second (health:
 * starting)", "Up 2 minutes (unhealthy)". Containers without a check have none.
 */
export function healthFromStatus(status: string): ContainerHealth | undefined {
  const match = /\((healthy|unhealthy|health: starting)\)/.exec(status);
  if (!match) return undefined;
  return match[1] === 'health: starting' ? 'starting' : (match[1] as ContainerHealth);
}

function toPort(p: ContainerInfo['Ports'][number]): PortBinding {
  const protocol = p.Type === 'udp' || p.Type === 'sctp' ? p.Type : 'tcp';
  return {
    privatePort: p.PrivatePort,
    ...(p.PublicPort ? { publicPort: p.PublicPort } : {}),
    ...(p.IP ? { hostIp: p.IP } : {}),
    protocol,
  };
}

function toMount(m: ContainerInfo['Mounts'][number]): ContainerMount {
  return {
    type: m.Type,
    ...(m.Name ? { name: m.Name } : {}),
    source: m.Source ?? '',
    destination: m.Destination ?? '',
    readWrite: m.RW !== false,
  };
}

function toNetwork(
  name: string,
  n: ContainerInfo['NetworkSettings']['Networks'][string],
): ContainerNetwork {
  const aliases: unknown = n.Aliases;
  return {
    name,
    networkId: n.NetworkID ?? '',
    ipv4: n.IPAddress ?? '',
    ipv6: n.GlobalIPv6Address ?? '',
    mac: n.MacAddress ?? '',
    aliases: Array.isArray(aliases)
      ? aliases.filter((a): a is string => typeof a === 'string')
      : [],
  };
}
