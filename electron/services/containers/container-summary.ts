// Maps the engine's `GET /containers/json` entries to the contract's summary.
import type { ContainerInfo } from 'dockerode';
import type {
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
  };
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
