// `docker node update`, `promote` and `demote`: the engine takes a node's
// whole spec with the version it was read at, so each change reads the node,
// changes its spec and writes it back. Another writer in between (the CLI, a
// manager's own bookkeeping) makes the engine answer "update out of
// sequence": the change is then read and written once more.
import type Docker from 'dockerode';
import type { NodeLabelChange } from '../../contract/swarm-channels.ts';
import type { NodeAvailability, NodeRole, SwarmNodeRow } from '../../contract/swarm-types.ts';
import { toErrorEnvelope } from '../engine-errors.ts';
import { engineRequest } from './swarm-engine.ts';
import { toNodeRow, type EngineNode } from './swarm-rows.ts';
import { asManager, readSwarmStatus } from './swarm-status.ts';

type NodeSpec = Record<string, unknown> & { Labels?: Record<string, string> | null };

const nodePath = (ref: string) => `/nodes/${encodeURIComponent(ref)}`;

function outOfSequence(err: unknown): boolean {
  return /update out of sequence/i.test(toErrorEnvelope(err).engineMessage ?? '');
}

/** Reads the node, applies `change` to its spec and writes it at that version; once more if it moved meanwhile. */
export async function updateNodeSpec(
  docker: Docker,
  ref: string,
  change: (spec: NodeSpec) => NodeSpec,
): Promise<void> {
  const write = async () => {
    const node = await engineRequest<EngineNode & { Spec: NodeSpec }>(docker, {
      method: 'GET',
      path: nodePath(ref),
    });
    await engineRequest(docker, {
      method: 'POST',
      path: `${nodePath(node.ID)}/update`,
      query: { version: node.Version?.Index ?? 0 },
      body: change({ ...node.Spec }),
    });
  };
  await asManager(docker, async () => {
    try {
      await write();
    } catch (err) {
      if (!outOfSequence(err)) throw err;
      await write();
    }
  });
}

export function setAvailability(docker: Docker, ref: string, availability: NodeAvailability) {
  return updateNodeSpec(docker, ref, (spec) => ({ ...spec, Availability: availability }));
}

export function setRole(docker: Docker, ref: string, role: NodeRole) {
  return updateNodeSpec(docker, ref, (spec) => ({ ...spec, Role: role }));
}

export function changeLabels(docker: Docker, ref: string, change: NodeLabelChange) {
  return updateNodeSpec(docker, ref, (spec) => {
    const labels = { ...(spec.Labels ?? {}) };
    for (const key of change.remove) delete labels[key];
    Object.assign(labels, change.add);
    return { ...spec, Labels: labels };
  });
}

export async function listNodes(docker: Docker, ids?: string[]): Promise<SwarmNodeRow[]> {
  return asManager(docker, async () => {
    const [nodes, status] = await Promise.all([
      engineRequest<EngineNode[]>(docker, {
        method: 'GET',
        path: '/nodes',
        ...(ids ? { query: { filters: JSON.stringify({ id: ids }) } } : {}),
      }),
      readSwarmStatus(docker),
    ]);
    // The id filter matches prefixes: keep exact ids only.
    return nodes.filter((n) => !ids || ids.includes(n.ID)).map((n) => toNodeRow(n, status.nodeId));
  });
}
