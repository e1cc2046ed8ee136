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
  /** Only for a container whose image or run has a health check, while it runs. */
  health?: ContainerHealth;
  /** Ended after a stop or kill someone asked for (the engine's events said so), not by failing. */
  endedOnRequest?: boolean;
  /** Asked to stop (SIGTERM sent at `since`, ms); the engine kills it after `timeoutSec`. */
  stopping?: { since: number; timeoutSec: number };
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
