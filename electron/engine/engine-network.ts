// The managed engine's networking: its bridge (created if missing, keeping an
// existing address) and, when iptables is on, an address pool for user
// networks. Both are chosen among candidates that no route on the host uses.

import { readFile } from 'node:fs/promises';
import { ContractError } from '../contract/errors.ts';
import { ensureBridge } from './bridge.ts';
import type { RunCommand } from './run-command.ts';
import {
  addressPoolCandidates,
  bridgeCandidates,
  parseProcNetRoute,
  pickFreeSubnet,
  rangeOf,
  usedRanges,
} from './subnet.ts';

interface NetworkRequest {
  bridge: string;
  /** Fixed bridge address; otherwise the first free candidate. */
  bridgeCidr?: string;
  iptables: boolean;
  addressPool?: string;
  run: RunCommand;
  signal: AbortSignal;
  /** The kernel's route table as /proc/net/route writes it; read from there when absent. */
  routes?: string;
}

export interface EngineNetwork {
  bridge: string;
  cidr: string;
  created: boolean;
  addressPool?: string;
}

function noFreeRange(what: string, candidates: readonly string[]): ContractError {
  return new ContractError({
    kind: 'conflict',
    message: `Every ${what} Berth would use (${candidates.join(', ')}) is already routed on this machine.`,
    // Berth has no setting for these ranges yet: say what the user can change today.
    hint:
      'Free one of them (`ip route` shows what uses each), or run Docker yourself ' +
      '(apt-get install docker.io): Berth uses an engine it finds instead of starting its own.',
  });
}

export async function prepareEngineNetwork(req: NetworkRequest): Promise<EngineNetwork> {
  const routes = parseProcNetRoute(req.routes ?? (await readFile('/proc/net/route', 'utf8')));
  const used = usedRanges(routes, req.bridge);
  req.signal.throwIfAborted();
  const pickBridgeCidr = (): string => {
    const cidr = req.bridgeCidr ?? pickFreeSubnet(bridgeCandidates, used);
    if (!cidr) throw noFreeRange('bridge subnet', bridgeCandidates);
    return cidr;
  };
  const { cidr, created } = await ensureBridge(req.bridge, pickBridgeCidr, req.run);
  const network: EngineNetwork = { bridge: req.bridge, cidr, created };
  if (req.iptables) {
    const pool = req.addressPool ?? pickFreeSubnet(addressPoolCandidates, [...used, rangeOf(cidr)]);
    if (!pool) throw noFreeRange('address pool', addressPoolCandidates);
    network.addressPool = pool;
  }
  return network;
}
