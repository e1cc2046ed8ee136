// What the networks mirror reads from the engine, over the calls client.
import type Docker from 'dockerode';
import type { NetworkSubnet } from '../../contract/networks-channels.ts';
import { aliasesOfInspect, type AliasReader } from './endpoint-aliases.ts';
import type { ListedNetwork, NetworkEngine } from './networks-mirror.ts';

interface RawNetwork {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
  Created?: string;
  Internal?: boolean;
  Attachable?: boolean;
  EnableIPv6?: boolean;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string; IPRange?: string }[] | null } | null;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
}

export function networkEngine(docker: Docker): NetworkEngine {
  return {
    list: async (ids) => {
      // The id filter matches prefixes; the mirror keeps exact ids.
      const filters = ids ? JSON.stringify({ id: ids }) : undefined;
      const answer = (await docker.listNetworks(filters ? { filters } : {})) as RawNetwork[];
      return answer.map(toListedNetwork);
    },
  };
}

export function toListedNetwork(n: RawNetwork): ListedNetwork {
  return {
    id: n.Id,
    name: n.Name,
    driver: n.Driver ?? '',
    scope: n.Scope ?? 'local',
    createdAt: n.Created ?? '',
    internal: n.Internal === true,
    attachable: n.Attachable === true,
    ipv6: n.EnableIPv6 === true,
    subnets: (n.IPAM?.Config ?? []).filter((c) => c.Subnet).map(toSubnet),
    labels: n.Labels ?? {},
    options: n.Options ?? {},
  };
}

function toSubnet(c: { Subnet?: string; Gateway?: string; IPRange?: string }): NetworkSubnet {
  return {
    subnet: c.Subnet ?? '',
    ...(c.Gateway ? { gateway: c.Gateway } : {}),
    ...(c.IPRange ? { ipRange: c.IPRange } : {}),
  };
}

/** A container's aliases from its inspect (the list has none); null when it is gone. */
export function aliasReader(docker: Docker): AliasReader {
  return {
    read: async (containerId) => {
      try {
        return aliasesOfInspect(await docker.getContainer(containerId).inspect());
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode === 404) return null;
        throw err;
      }
    },
  };
}
