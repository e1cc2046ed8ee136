// The swarm's nodes, as `docker node ls` and `docker node inspect` say, with
// what a manager can change on each: availability, role, labels.
import { useState } from 'react';
import {
  nodeAvailabilityCommandLine,
  nodeRoleCommandLine,
} from '../../../electron/contract/swarm-commands.ts';
import type { NodeAvailability, SwarmNodeRow } from '../../../electron/contract/swarm-types.ts';
import { getClient } from '../../client/contract-client.ts';
import { SimpleGrid } from '../registries/SimpleGrid.tsx';
import { NodeLabelsDialog } from './NodeLabelsDialog.tsx';
import type { RunSwarmAction } from './use-swarm-action.ts';

const AVAILABILITY: [NodeAvailability, string][] = [
  ['drain', 'Drain'],
  ['pause', 'Pause'],
  ['active', 'Activate'],
];

function labelsText(labels: Record<string, string>): string {
  return (
    Object.entries(labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ') || '—'
  );
}

function statusText(node: SwarmNodeRow): string {
  return node.statusMessage && node.status !== 'ready'
    ? `${node.status} (${node.statusMessage})`
    : node.status;
}

export function NodesGrid(props: { nodes: SwarmNodeRow[]; run: RunSwarmAction }) {
  const [labelling, setLabelling] = useState<SwarmNodeRow | null>(null);
  const { run } = props;
  const rows = props.nodes.map((node) => {
    const ref = node.hostname || node.id;
    const role = node.leader ? 'manager (leader)' : node.role;
    const newRole = node.role === 'worker' ? 'manager' : 'worker';
    const roleWord = newRole === 'manager' ? 'Promote' : 'Demote';
    return {
      key: node.id,
      name: `${node.hostname}, ${node.role}, ${node.availability}, ${node.status}${node.self ? ', this engine' : ''}`,
      cells: [
        <span key="host">
          {node.hostname}
          {node.self && <span className="muted"> (this engine)</span>}
        </span>,
        role,
        node.availability,
        <span key="status" className={`node-status node-${node.status}`}>
          {statusText(node)}
        </span>,
        node.engineVersion,
        labelsText(node.labels),
        <span key="actions" className="row-actions">
          {AVAILABILITY.map(([availability, word]) => (
            <button
              key={availability}
              type="button"
              tabIndex={-1}
              disabled={node.availability === availability}
              onClick={() =>
                void run(
                  `${word} ${ref}`,
                  (shell, target) => nodeAvailabilityCommandLine(ref, availability, shell, target),
                  () => getClient().call('swarm.nodeAvailability', node.id, availability),
                )
              }
            >
              {word}
            </button>
          ))}
          <button
            type="button"
            tabIndex={-1}
            // A manager cannot demote itself: another manager does (`docker node demote`).
            disabled={node.role === 'manager' && node.self}
            onClick={() =>
              void run(
                `${roleWord} ${ref}`,
                (shell, target) => nodeRoleCommandLine(ref, newRole, shell, target),
                () => getClient().call('swarm.nodeRole', node.id, newRole),
              )
            }
          >
            {roleWord}
          </button>
          <button type="button" tabIndex={-1} onClick={() => setLabelling(node)}>
            Labels
          </button>
        </span>,
      ],
    };
  });
  return (
    <>
      <SimpleGrid
        label="Nodes"
        columns={['Hostname', 'Role', 'Availability', 'Status', 'Engine', 'Labels', 'Actions']}
        rows={rows}
      />
      {labelling && (
        <NodeLabelsDialog node={labelling} run={run} onClose={() => setLabelling(null)} />
      )}
    </>
  );
}
