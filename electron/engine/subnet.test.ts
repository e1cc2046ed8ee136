import { describe, expect, it } from 'vitest';
import {
  bridgeCandidates,
  formatIpv4,
  parseCidr,
  parseProcNetRoute,
  pickFreeSubnet,
  rangeOf,
  rangesOverlap,
  usedRanges,
} from './subnet.ts';

// Captured on a machine running a system dockerd and a user network.
const procNetRoute = `Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0
eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0
br-1\t00FA1FAC\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
berth0\t00FB1FAC\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
`;

describe('parseProcNetRoute', () => {
  it('reads the kernel’s little-endian hex into networks and prefixes', () => {
    const routes = parseProcNetRoute(procNetRoute);
    expect(routes.map((r) => `${r.iface} ${formatIpv4(r.network)}/${r.prefix}`)).toEqual([
      'eth0 0.0.0.0/0',
      'eth0 192.0.2.0/24',
      'docker0 172.17.0.0/16',
      'br-1 172.31.250.0/24',
      'berth0 172.31.251.0/24',
    ]);
  });

  it('ignores the header and blank lines', () => {
    expect(parseProcNetRoute('Iface\tDestination\n\n')).toEqual([]);
  });
});

describe('parseCidr and rangesOverlap', () => {
  it('parses an address with its prefix', () => {
    expect(parseCidr('172.31.250.1/24')).toEqual({ address: 0xac1ffa01, prefix: 24 });
    expect(formatIpv4(rangeOf('172.31.250.1/24').network)).toBe('172.31.250.0');
  });

  it('rejects what is not an IPv4 CIDR', () => {
    for (const bad of ['172.31.250.1', '300.1.1.1/24', '1.2.3.4/33', 'fe80::1/64']) {
      expect(() => parseCidr(bad)).toThrow(/not an IPv4 CIDR/);
    }
  });

  it('sees a /24 inside a /16 as overlapping, neighbours as not', () => {
    expect(rangesOverlap(rangeOf('172.17.5.0/24'), rangeOf('172.17.0.0/16'))).toBe(true);
    expect(rangesOverlap(rangeOf('172.31.250.0/24'), rangeOf('172.31.251.0/24'))).toBe(false);
  });
});

describe('pickFreeSubnet', () => {
  const routes = parseProcNetRoute(procNetRoute);

  it('skips a candidate another interface routes and takes the next', () => {
    expect(pickFreeSubnet(bridgeCandidates, usedRanges(routes))).toBe('172.31.252.1/24');
  });

  it('lets our own bridge keep its subnet across restarts', () => {
    expect(pickFreeSubnet(['172.31.251.1/24'], usedRanges(routes, 'berth0'))).toBe(
      '172.31.251.1/24',
    );
  });

  it('does not treat the default route as using every address', () => {
    const onlyDefault = parseProcNetRoute(procNetRoute).slice(0, 1);
    expect(pickFreeSubnet(bridgeCandidates, usedRanges(onlyDefault))).toBe(bridgeCandidates[0]);
  });

  it('returns undefined when every candidate is taken', () => {
    expect(pickFreeSubnet(['172.17.9.1/24'], usedRanges(routes))).toBeUndefined();
  });
});
