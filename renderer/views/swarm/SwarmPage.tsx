// The Swarm page: where the engine shown stands in a swarm and, on a manager,
// the swarm's nodes, services, tasks and stacks, live. Every action says the
// docker line that does the same (LastAction). The watches are bound to the
// engine shown when they open: a new engine, or a change of membership
// (init, join, leave), opens them again.
import { useState } from 'react';
import { stacksOf } from '../../../electron/contract/swarm-derive.ts';
import type { SwarmStatus } from '../../../electron/contract/swarm-types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useEngineStore } from '../../stores/engine-store.ts';
import { JoinTokens } from './JoinTokens.tsx';
import { LastAction } from './LastAction.tsx';
import { LeaveSwarm, NotInSwarm, WorkerNotice } from './Membership.tsx';
import { NodesGrid } from './NodesGrid.tsx';
import { ServicesSection } from './ServicesSection.tsx';
import { Stacks } from './Stacks.tsx';
import { useSwarmAction } from './use-swarm-action.ts';
import { useSwarmWatch } from './use-swarm-watch.ts';
import './swarm.css';

export function SwarmPage() {
  const engineId = useEngineStore((s) => s.status?.engineId ?? '');
  const [generation, setGeneration] = useState(0);
  // Above the remount: what an init, join or leave did stays said after it.
  const action = useSwarmAction();
  return (
    <SwarmOfEngine
      key={`${engineId}:${generation}`}
      action={action}
      onMembershipChanged={() => setGeneration((g) => g + 1)}
    />
  );
}

function summary(status: SwarmStatus | null): string {
  if (!status) return 'Reading the swarm state…';
  switch (status.state) {
    case 'manager':
      return `This engine manages a swarm of ${status.nodeCount ?? '?'} node${status.nodeCount === 1 ? '' : 's'} (${status.managerCount ?? '?'} manager${status.managerCount === 1 ? '' : 's'}), at ${status.nodeAddress}.`;
    case 'worker':
      return `This engine is a swarm worker, at ${status.nodeAddress}.`;
    case 'inactive':
      return 'This engine is in no swarm.';
    default:
      return `This engine's swarm state: ${status.state}.`;
  }
}

function SwarmOfEngine(props: {
  action: ReturnType<typeof useSwarmAction>;
  onMembershipChanged(): void;
}) {
  const { view, ended } = useSwarmWatch();
  const { action } = props;
  const { status } = view;
  const manager = status?.state === 'manager';
  const nodes = Object.values(view.nodes.byId).sort((a, b) => a.hostname.localeCompare(b.hostname));
  const services = Object.values(view.services.byId).sort((a, b) => a.name.localeCompare(b.name));

  return (
    <main aria-label="Swarm" className="page swarm-page">
      <header className="page-header">
        <div>
          <h1>Swarm</h1>
          <p className="muted">{summary(status)}</p>
        </div>
        {status && status.state !== 'inactive' && (
          <div className="toolbar">
            <LeaveSwarm status={status} run={action.run} onChanged={props.onMembershipChanged} />
          </div>
        )}
      </header>
      <LastAction last={action.last} onDismiss={action.dismiss} />
      {ended && <ErrorAlert message={ended} />}
      {view.error && <ErrorAlert message={view.error} />}
      {status?.error && <ErrorAlert message={`The engine says: ${status.error}`} />}
      {status?.state === 'inactive' && (
        <NotInSwarm run={action.run} onChanged={props.onMembershipChanged} />
      )}
      {status?.state === 'worker' && <WorkerNotice />}
      {manager && (
        <>
          <JoinTokens />
          <section aria-labelledby="swarm-nodes-title">
            <h2 id="swarm-nodes-title">Nodes</h2>
            <NodesGrid nodes={nodes} run={action.run} />
          </section>
          <ServicesSection services={services} run={action.run} />
          <Stacks stacks={stacksOf(services)} run={action.run} />
        </>
      )}
    </main>
  );
}
