import { describe, expect, it } from 'vitest';
import { networkName } from '../refs.ts';
import {
  connectAddressProblem,
  createSpecProblems,
  parseCidr,
  parseLabelLines,
  type NetworkCreateSpec,
} from './network-spec.ts';

const spec = (over: Partial<NetworkCreateSpec>): NetworkCreateSpec => ({
  name: 'todo',
  driver: 'bridge',
  subnet: '',
  gateway: '',
  ipRange: '',
  internal: false,
  attachable: false,
  labels: {},
  ...over,
});
const messages = (s: NetworkCreateSpec) =>
  createSpecProblems(s).map((p) => `${p.field}: ${p.message}`);

describe('network create checks', () => {
  it('takes a subnet with a gateway and an IP range inside it', () => {
    expect(
      messages(spec({ subnet: '172.30.0.0/16', gateway: '172.30.0.1', ipRange: '172.30.5.0/24' })),
    ).toEqual([]);
  });

  it('refuses a subnet that is not a CIDR or not its network address', () => {
    expect(messages(spec({ subnet: '172.30.0.0' }))[0]).toMatch(/^subnet: .*like 172.30.0.0\/24/);
    expect(messages(spec({ subnet: '300.1.1.0/24' }))[0]).toMatch(/^subnet:/);
    expect(messages(spec({ subnet: '172.30.0.0/33' }))[0]).toMatch(/^subnet:/);
    expect(messages(spec({ subnet: '172.30.0.5/24' }))).toEqual([
      'subnet: The subnet 172.30.0.5/24 is not a network address: it should be 172.30.0.0/24',
    ]);
  });

  it('refuses a gateway outside the subnet, or without one', () => {
    expect(messages(spec({ subnet: '172.30.0.0/24', gateway: '172.30.1.1' }))).toEqual([
      'gateway: The gateway 172.30.1.1 is not inside the subnet 172.30.0.0/24',
    ]);
    expect(messages(spec({ gateway: '172.30.0.1' }))).toEqual([
      'gateway: A gateway needs a subnet to sit in',
    ]);
    expect(messages(spec({ subnet: '172.30.0.0/24', gateway: '172.30.0.01' }))[0]).toMatch(
      /^gateway: The gateway is one IPv4 address/,
    );
  });

  it('refuses an IP range outside the subnet', () => {
    expect(messages(spec({ subnet: '172.30.0.0/24', ipRange: '172.30.0.0/16' }))).toEqual([
      'ipRange: The IP range 172.30.0.0/16 is not inside the subnet 172.30.0.0/24',
    ]);
  });

  it('checks a fixed address against the network subnets', () => {
    expect(connectAddressProblem('', [])).toBeNull();
    expect(connectAddressProblem('172.30.0.9', ['172.30.0.0/24'])).toBeNull();
    expect(connectAddressProblem('172.31.0.9', ['172.30.0.0/24'])).toMatch(/not inside/);
    expect(connectAddressProblem('172.30.0.9', [])).toMatch(/--subnet/);
  });

  it('reads ranges and labels', () => {
    expect(parseCidr('10.0.0.0/8')).toMatchObject({ first: 10 * 2 ** 24, prefix: 8 });
    expect(parseLabelLines('tier=web\n\nnote=a=b\nflag')).toEqual({
      tier: 'web',
      note: 'a=b',
      flag: '',
    });
  });

  it('names a network as the engine allows', () => {
    expect(networkName.safeParse('todo-net_1.x').success).toBe(true);
    for (const bad of ['', '-x', 'a b', 'a/b', 'x!', '../x'])
      expect(networkName.safeParse(bad).success, bad).toBe(false);
  });
});
