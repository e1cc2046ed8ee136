// The networks domain of the contract: the live list of the engine's networks
// (a mirror like the containers', kept by events).
import { z } from 'zod';
import type { ResourceDelta, ResourceSnapshot } from './mirror-types.ts';

export interface NetworkCalls {
  /** `docker network ls`, kept by events: the snapshot `networks.delta` goes on from. */
  'networks.list': { args: []; result: NetworksSnapshot };
}

export interface NetworkEvents {
  'networks.delta': NetworksDelta;
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  /** `local`, `swarm` or `global`. */
  scope: string;
  /** As the engine wrote it (RFC 3339). */
  createdAt: string;
  /** No way out of it: containers on it reach only each other. */
  internal: boolean;
  /** Containers may join it by hand (a swarm network that is not only for services). */
  attachable: boolean;
  ipv6: boolean;
  /** Its address ranges (`--subnet`, `--gateway`, `--ip-range`). */
  subnets: NetworkSubnet[];
  labels: Record<string, string>;
  /** The driver's options (`-o com.docker.network.bridge.name=...`). */
  options: Record<string, string>;
  /** The containers attached to it and their addresses (worked out from the containers). */
  containers: NetworkEndpoint[];
}

export interface NetworkSubnet {
  subnet: string;
  gateway?: string;
  ipRange?: string;
}

export interface NetworkEndpoint {
  containerId: string;
  containerName: string;
  ipv4: string;
  ipv6: string;
  mac: string;
  aliases: string[];
}

export type NetworksDelta = ResourceDelta<NetworkSummary>;
export type NetworksSnapshot = ResourceSnapshot<NetworkSummary>;

export const networkCallArgs: {
  [K in keyof NetworkCalls]: z.ZodType<NetworkCalls[K]['args']>;
} = {
  'networks.list': z.tuple([]),
};
