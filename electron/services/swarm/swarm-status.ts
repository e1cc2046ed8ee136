// Where the engine shown stands in a swarm, from `/info`'s Swarm section, and
// the one wording for "this engine cannot manage the swarm": a worker's
// management call fails with the engine's 503, which says neither what the
// node is nor where its managers are; `/info` says both.
import type Docker from 'dockerode';
import { ContractError } from '../../contract/errors.ts';
import type { SwarmState, SwarmStatus } from '../../contract/swarm-types.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import { engineRequest } from './swarm-engine.ts';

/** `/info`'s Swarm section, the parts read here. */
export interface InfoSwarm {
  NodeID?: string;
  NodeAddr?: string;
  LocalNodeState?: string;
  ControlAvailable?: boolean;
  Error?: string;
  RemoteManagers?: { NodeID?: string; Addr?: string }[] | null;
  Nodes?: number;
  Managers?: number;
  Cluster?: { ID?: string } | null;
}

export function toSwarmStatus(swarm: InfoSwarm | undefined): SwarmStatus {
  const local = swarm?.LocalNodeState ?? 'inactive';
  const state: SwarmState =
    local === 'active'
      ? swarm?.ControlAvailable
        ? 'manager'
        : 'worker'
      : local === 'pending' || local === 'locked' || local === 'error'
        ? local
        : 'inactive';
  const managers = (swarm?.RemoteManagers ?? []).map((m) => ({
    nodeId: m.NodeID ?? '',
    address: m.Addr ?? '',
  }));
  return {
    state,
    nodeId: swarm?.NodeID ?? '',
    nodeAddress: swarm?.NodeAddr ?? '',
    managers,
    ...(swarm?.Cluster?.ID ? { clusterId: swarm.Cluster.ID } : {}),
    ...(state === 'manager' && swarm?.Nodes !== undefined ? { nodeCount: swarm.Nodes } : {}),
    ...(state === 'manager' && swarm?.Managers !== undefined
      ? { managerCount: swarm.Managers }
      : {}),
    ...(swarm?.Error ? { error: swarm.Error } : {}),
  };
}

export async function readSwarmStatus(docker: Docker): Promise<SwarmStatus> {
  const info = await engineRequest<{ Swarm?: InfoSwarm }>(docker, { method: 'GET', path: '/info' });
  return toSwarmStatus(info.Swarm);
}

/** Why the engine shown cannot manage a swarm, and what to do instead. */
export function notManagerError(status: SwarmStatus, engineMessage?: string): ContractError {
  const where = status.nodeAddress ? ` at ${status.nodeAddress}` : '';
  const self = status.nodeId ? `node ${status.nodeId.slice(0, 12)}${where}` : 'this engine';
  const quoted = engineMessage ? { engineMessage } : {};
  if (status.state === 'worker') {
    const others = status.managers.filter((m) => m.nodeId !== status.nodeId);
    const managers = others.map((m) => `${m.address} (node ${m.nodeId.slice(0, 12)})`).join(', ');
    return new ContractError({
      kind: 'bad-request',
      message:
        `The engine shown (${self}) is a swarm worker, not a manager: only a manager can show and change the swarm's nodes, services and tasks.` +
        (managers ? ` Its manager${others.length > 1 ? 's are' : ' is'} ${managers}.` : ''),
      hint: 'Add and show a manager\'s engine, or promote this node from a manager ("docker node promote").',
      ...quoted,
    });
  }
  if (status.state === 'inactive') {
    return new ContractError({
      kind: 'bad-request',
      message: 'The engine shown is not in a swarm.',
      hint: 'Init a swarm here ("docker swarm init"), or join one with a token from a manager.',
      ...quoted,
    });
  }
  return new ContractError({
    kind: 'bad-request',
    message: `The engine shown cannot manage the swarm: its swarm state is ${status.state}${status.error ? ` (${status.error})` : ''}.`,
    hint:
      status.state === 'locked'
        ? 'Unlock it with "docker swarm unlock".'
        : "Check the engine's swarm state, or show a manager's engine.",
    ...quoted,
  });
}

/** The engine refused because it is no manager (a 503 from a worker or a node outside a swarm). */
function refusedAsNoManager(err: unknown): string | null {
  const envelope = toErrorEnvelope(err);
  if (envelope.status !== 503) return null;
  const words = envelope.engineMessage ?? '';
  return /not a swarm manager|not part of a swarm/i.test(words) ? words : null;
}

/**
 * Runs a management call; when the engine refuses because it is no manager,
 * the refusal says what the node is and where its managers are.
 */
export async function asManager<T>(docker: Docker, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const words = refusedAsNoManager(err);
    if (words === null) throw err;
    const status = await readSwarmStatus(docker).catch(() => null);
    if (!status) throw err;
    throw notManagerError(status, words);
  }
}
