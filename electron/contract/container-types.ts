// A container as the list shows it: what `docker ps -a` prints, in plain data.
import type { ResourceDelta, ResourceSnapshot } from './mirror-types.ts';
import type { RunSpec } from './run-spec/spec.ts';

export type ContainerState =
  'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';

export interface PortBinding {
  privatePort: number;
  publicPort?: number;
  hostIp?: string;
  protocol: 'tcp' | 'udp' | 'sctp';
}

export interface ContainerSummary {
  id: string;
  /** Without the leading slash. */
  name: string;
  image: string;
  imageId: string;
  command: string;
  /** Seconds since the epoch, as the engine reports it. */
  created: number;
  state: ContainerState;
  /** The engine's own words: "Up 3 minutes", "Exited (137) 2 minutes ago". */
  status: string;
  /** When `status` was true (ms since the epoch), so the list can age it without asking again. */
  statusAt: number;
  ports: PortBinding[];
  labels: Record<string, string>;
  /** Its volumes, bind mounts and tmpfs, as `docker inspect` lists its Mounts. */
  mounts: ContainerMount[];
  /** The networks it is attached to, with its addresses on each. */
  networks: ContainerNetwork[];
  /** Only for a container whose image or run has a health check, while it runs. */
  health?: ContainerHealth;
  /** Ended after a stop or kill someone asked for (the engine's events said so), not by failing. */
  endedOnRequest?: boolean;
  /** Asked to stop (SIGTERM sent at `since`, ms); the engine kills it after `timeoutSec`. */
  stopping?: { since: number; timeoutSec: number };
}

export interface ContainerMount {
  type: 'volume' | 'bind' | 'tmpfs' | 'npipe' | 'cluster' | string;
  /** The volume's name (type `volume` only). */
  name?: string;
  /** The folder on the engine's machine (a bind mount's host path, a volume's mount point). */
  source: string;
  /** Where it shows inside the container. */
  destination: string;
  readWrite: boolean;
}

export interface ContainerNetwork {
  name: string;
  networkId: string;
  /** Empty while the container is not running. */
  ipv4: string;
  ipv6: string;
  mac: string;
  /** Other names it answers to on this network (the list may omit them; inspect has them). */
  aliases: string[];
}

export type ContainerHealth = 'starting' | 'healthy' | 'unhealthy';

/** A change to the container list (mirror-types.ts says how deltas are numbered). */
export type ContainersDelta = ResourceDelta<ContainerSummary>;

export type ContainersSnapshot = ResourceSnapshot<ContainerSummary>;

/** A container's configuration as the New container dialog would have made it. */
export interface ContainerSettings {
  id: string;
  spec: RunSpec;
  running: boolean;
}
