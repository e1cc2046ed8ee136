// Picking IPv4 ranges for the managed engine's bridge and address pool that no
// route on this host already uses, so containers never shadow a real network.

interface Ipv4Range {
  /** Network address as an unsigned 32-bit number. */
  network: number;
  prefix: number;
}

interface Ipv4Route extends Ipv4Range {
  iface: string;
}

/** Where the bridge may live, in order of preference; `.1` is the bridge's own address. */
export const bridgeCandidates = [
  '172.31.250.1/24',
  '172.31.251.1/24',
  '172.31.252.1/24',
  '10.250.250.1/24',
  '10.251.250.1/24',
  '192.168.250.1/24',
] as const;

/** Ranges for `--default-address-pool` (user networks, /24 each). */
export const addressPoolCandidates = [
  '10.210.0.0/16',
  '10.211.0.0/16',
  '10.212.0.0/16',
  '172.29.0.0/16',
] as const;

function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 0xff).join('.');
}

/** `172.31.250.1/24` → the address and prefix; throws on anything else. */
export function parseCidr(text: string): { address: number; prefix: number } {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  const parts = match?.slice(1, 5).map(Number) ?? [];
  const prefix = Number(match?.[5]);
  if (!match || parts.some((p) => p > 255) || prefix > 32) {
    throw new Error(`"${text}" is not an IPv4 CIDR like 172.31.250.1/24`);
  }
  const address = parts.reduce((acc, part) => ((acc << 8) | part) >>> 0, 0);
  return { address, prefix };
}

export function rangeOf(cidr: string): Ipv4Range {
  const { address, prefix } = parseCidr(cidr);
  return { network: (address & maskOf(prefix)) >>> 0, prefix };
}

export function rangesOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  const mask = maskOf(Math.min(a.prefix, b.prefix));
  return (a.network & mask) >>> 0 === (b.network & mask) >>> 0;
}

/** /proc/net/route writes addresses as host-order (little-endian) hex. */
function fromProcHex(hex: string): number {
  const v = Number.parseInt(hex, 16) >>> 0;
  return (
    (((v & 0xff) << 24) | (((v >>> 8) & 0xff) << 16) | (((v >>> 16) & 0xff) << 8) | (v >>> 24)) >>>
    0
  );
}

function prefixOfMask(mask: number): number {
  let bits = 0;
  for (let m = mask; m !== 0; m = (m << 1) >>> 0) bits += 1;
  return bits;
}

/** Parses the kernel's IPv4 routing table (`/proc/net/route`). */
export function parseProcNetRoute(text: string): Ipv4Route[] {
  const routes: Ipv4Route[] = [];
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    const [iface, destination, , , , , , mask] = cols;
    if (!iface || !destination || !mask) continue;
    routes.push({
      iface,
      network: fromProcHex(destination),
      prefix: prefixOfMask(fromProcHex(mask)),
    });
  }
  return routes;
}

/**
 * Ranges a new subnet must avoid. Default routes cover everything and say
 * nothing about which addresses are taken, and our own bridge's route is ours
 * to reuse, so both are left out.
 */
export function usedRanges(routes: readonly Ipv4Route[], ownBridge?: string): Ipv4Range[] {
  return routes.filter((r) => r.prefix > 0 && r.iface !== ownBridge);
}

/** The first candidate that overlaps none of `used`, or undefined. */
export function pickFreeSubnet(
  candidates: readonly string[],
  used: readonly Ipv4Range[],
): string | undefined {
  return candidates.find((candidate) => {
    const range = rangeOf(candidate);
    return !used.some((u) => rangesOverlap(range, u));
  });
}
