import { describe, expect, it } from 'vitest';
import { ContractError } from '../contract/errors.ts';
import { prepareEngineNetwork } from './engine-network.ts';
import type { RunCommand } from './run-command.ts';

/** A route table in /proc/net/route's format (host-order hex), one row per CIDR. */
function procNetRoute(cidrs: string[]): string {
  const hex = (dotted: string) =>
    dotted
      .split('.')
      .reverse()
      .map((part) => Number(part).toString(16).padStart(2, '0').toUpperCase())
      .join('');
  const rows = cidrs.map((cidr, i) => {
    const [address = '', prefix = ''] = cidr.split('/');
    const bits = Number(prefix);
    const mask = [24, 16, 8, 0]
      .map((shift) => (((0xffffffff << (32 - bits)) >>> 0) >>> shift) & 0xff)
      .join('.');
    return `busy${i}\t${hex(address)}\t00000000\t0001\t0\t0\t0\t${hex(mask)}\t0\t0\t0`;
  });
  return [
    'Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT',
    ...rows,
  ]
    .join('\n')
    .concat('\n');
}

// Every candidate Berth would pick, taken by a route.
const everyRange = procNetRoute(['172.31.0.0/16', '10.0.0.0/8', '192.168.0.0/16', '172.29.0.0/16']);

/** `ip` is never run for real: the bridge name does not exist, and nothing is created. */
const noIp: RunCommand = async () => ({ stdout: '', stderr: '' });

async function failure(request: Partial<Parameters<typeof prepareEngineNetwork>[0]>) {
  const error = await prepareEngineNetwork({
    bridge: 'berth-no-such',
    iptables: false,
    run: noIp,
    signal: new AbortController().signal,
    routes: everyRange,
    ...request,
  }).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ContractError))
    throw new Error(`expected a ContractError: ${String(error)}`);
  return error.envelope;
}

describe('prepareEngineNetwork when every range it would use is routed', () => {
  it('names the bridge subnets it tried, and says what the user can do today', async () => {
    const envelope = await failure({});
    expect(envelope).toMatchObject({ kind: 'conflict' });
    expect(envelope.message).toContain('172.31.250.1/24');
    expect(envelope.hint).toMatch(/ip route/);
    expect(envelope.hint).not.toMatch(/Settings/);
  });

  it('names the address pools it tried when iptables is on', async () => {
    const envelope = await failure({ iptables: true, bridgeCidr: '172.31.250.1/24' });
    expect(envelope).toMatchObject({ kind: 'conflict' });
    expect(envelope.message).toContain('10.210.0.0/16');
    expect(envelope.hint).not.toMatch(/Settings/);
  });

  it('picks the first free range when one is left', async () => {
    const network = await prepareEngineNetwork({
      bridge: 'berth-no-such',
      iptables: true,
      run: noIp,
      signal: new AbortController().signal,
      routes: procNetRoute(['172.31.250.0/24', '10.210.0.0/16']),
    });
    expect(network).toEqual({
      bridge: 'berth-no-such',
      cidr: '172.31.251.1/24',
      created: true,
      addressPool: '10.211.0.0/16',
    });
  });
});
