// What the Networks grid shows of each network, and its filter.
import type {
  NetworkEndpoint,
  NetworkSummary,
} from '../../../electron/contract/networks-channels.ts';
import { isPredefinedNetwork } from '../../../electron/contract/network/network-spec.ts';

/** Networks matching the filter (name, id, driver, subnet, gateway or an attached container), by name. */
export function visibleNetworks(networks: NetworkSummary[], query: string): NetworkSummary[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return networks
    .filter((n) => {
      if (words.length === 0) return true;
      const haystack = [
        n.name,
        n.id.slice(0, 12),
        n.driver,
        n.scope,
        ...n.subnets.flatMap((s) => [s.subnet, s.gateway ?? '']),
        ...n.containers.flatMap((c) => [c.containerName, c.ipv4, ...c.aliases]),
        n.internal ? 'internal' : '',
        isPredefinedNetwork(n.name) ? 'predefined' : '',
      ]
        .join(' ')
        .toLowerCase();
      return words.every((w) => haystack.includes(w));
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** `172.30.0.0/24` (several joined by commas); empty when the network has none (host, none). */
export function subnetText(n: NetworkSummary): string {
  return n.subnets.map((s) => s.subnet).join(', ');
}

/**
 * The gateways `docker network inspect` lists. A subnet created without
 * `--gateway` has none there (dockerd 20.10 keeps only what was asked), so
 * none is shown either: the engine then uses the subnet's first address.
 */
export function gatewayText(n: NetworkSummary): string {
  return n.subnets
    .map((s) => s.gateway ?? '')
    .filter(Boolean)
    .join(', ');
}

/** `web 172.30.0.2 (also api, www)`: one attached container as a line. */
export function endpointText(e: NetworkEndpoint): string {
  const address = e.ipv4 ? ` ${e.ipv4.replace(/\/\d+$/, '')}` : ' (no address while stopped)';
  const aliases = e.aliases.length ? ` (also ${e.aliases.join(', ')})` : '';
  return `${e.containerName}${address}${aliases}`;
}

/** The row's accessible name: its name first, then what tells it apart. */
export function networkRowName(n: NetworkSummary): string {
  const bits = [n.name, n.driver];
  if (isPredefinedNetwork(n.name)) bits.push('predefined');
  const subnet = subnetText(n);
  if (subnet) bits.push(subnet);
  bits.push(n.containers.length === 1 ? '1 container' : `${n.containers.length} containers`);
  return bits.join(', ');
}
