// What "Create network" and "Connect" send, and the checks made before the
// engine sees them: a subnet is an IPv4 CIDR written as its network address,
// the gateway and the IP range sit inside it, an address given to a container
// sits inside its network's subnet. The engine's own refusals (an overlapping
// pool, a name in use) come after, in its words.

export interface NetworkCreateSpec {
  name: string;
  /** `bridge` unless the engine lists another network driver the user picked. */
  driver: string;
  /** `--subnet`: empty for one the engine picks from its pool. */
  subnet: string;
  /** `--gateway`: empty for the subnet's first address. */
  gateway: string;
  /** `--ip-range`: empty for the whole subnet. */
  ipRange: string;
  internal: boolean;
  attachable: boolean;
  labels: Record<string, string>;
}

export interface NetworkConnectSpec {
  network: string;
  container: string;
  /** `--alias`: other names the container answers to on this network. */
  aliases: string[];
  /** `--ip`: empty for an address the engine picks. */
  ipv4: string;
}

export interface NetworkDisconnectSpec {
  network: string;
  container: string;
  force: boolean;
}

export interface SpecProblem {
  field: 'name' | 'subnet' | 'gateway' | 'ipRange' | 'ipv4' | 'labels' | 'aliases';
  message: string;
}

/** The networks every engine makes itself and never lets go of. */
export const PREDEFINED_NETWORKS: readonly string[] = ['bridge', 'host', 'none'];

export function isPredefinedNetwork(name: string): boolean {
  return PREDEFINED_NETWORKS.includes(name);
}

/** An IPv4 address as a 32-bit number, or null when it is not one (no leading zeros: `010` reads as octal to some tools). */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

export interface Cidr {
  /** The address as written. */
  address: number;
  prefix: number;
  /** The first address of the range (the address with its host bits cleared). */
  first: number;
  /** The last address of the range. */
  last: number;
}

export function parseCidr(text: string): Cidr | null {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!match) return null;
  const address = parseIpv4(match[1]!);
  const prefix = Number(match[2]);
  if (address === null || prefix > 32) return null;
  const size = 2 ** (32 - prefix);
  const first = Math.floor(address / size) * size;
  return { address, prefix, first, last: first + size - 1 };
}

export function rangesOverlap(a: Cidr, b: Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

function cidrProblem(text: string, what: string): string | null {
  if (text.includes(':')) return `${what}: Berth takes IPv4 ranges only (use the CLI for IPv6)`;
  const cidr = parseCidr(text);
  if (!cidr) return `${what} is an address and a prefix length, like 172.30.0.0/24`;
  if (cidr.address !== cidr.first)
    return `${what} ${text} is not a network address: it should be ${formatIpv4(cidr.first)}/${cidr.prefix}`;
  return null;
}

/** Everything wrong with a create spec's addresses and labels, before the engine is asked. */
export function createSpecProblems(spec: NetworkCreateSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const subnetProblem = spec.subnet ? cidrProblem(spec.subnet, 'The subnet') : null;
  if (subnetProblem) problems.push({ field: 'subnet', message: subnetProblem });
  const subnet = subnetProblem ? null : parseCidr(spec.subnet);
  if (spec.gateway) {
    const gateway = parseIpv4(spec.gateway);
    if (gateway === null)
      problems.push({
        field: 'gateway',
        message: 'The gateway is one IPv4 address, like 172.30.0.1',
      });
    else if (!spec.subnet)
      problems.push({ field: 'gateway', message: 'A gateway needs a subnet to sit in' });
    else if (subnet && (gateway < subnet.first || gateway > subnet.last))
      problems.push({
        field: 'gateway',
        message: `The gateway ${spec.gateway} is not inside the subnet ${spec.subnet}`,
      });
  }
  if (spec.ipRange) {
    const rangeProblem = cidrProblem(spec.ipRange, 'The IP range');
    const range = rangeProblem ? null : parseCidr(spec.ipRange);
    if (rangeProblem) problems.push({ field: 'ipRange', message: rangeProblem });
    else if (!spec.subnet)
      problems.push({ field: 'ipRange', message: 'An IP range needs a subnet to sit in' });
    else if (subnet && range && (range.first < subnet.first || range.last > subnet.last))
      problems.push({
        field: 'ipRange',
        message: `The IP range ${spec.ipRange} is not inside the subnet ${spec.subnet}`,
      });
  }
  for (const key of Object.keys(spec.labels)) {
    if (!key) problems.push({ field: 'labels', message: 'A label needs a key before its =' });
  }
  return problems;
}

/** An address for `--ip`, checked against the network's subnets (empty: none given). */
export function connectAddressProblem(ipv4: string, subnets: readonly string[]): string | null {
  if (!ipv4) return null;
  const address = parseIpv4(ipv4);
  if (address === null) return 'The IPv4 address is one address, like 172.30.0.10';
  const ranges = subnets.map(parseCidr).filter((c): c is Cidr => c !== null);
  if (ranges.length === 0)
    return 'This network has no subnet of its own: only a network created with --subnet takes a fixed address';
  if (!ranges.some((r) => address >= r.first && address <= r.last))
    return `${ipv4} is not inside ${subnets.join(' or ')}`;
  return null;
}

/** `KEY=value` lines (the form's Labels field) as a record; a line without `=` is a key with an empty value, as the CLI takes it. */
export function parseLabelLines(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    const eq = line.indexOf('=');
    if (eq < 0) labels[line.trim()] = '';
    else labels[line.slice(0, eq).trim()] = line.slice(eq + 1);
  }
  return labels;
}
