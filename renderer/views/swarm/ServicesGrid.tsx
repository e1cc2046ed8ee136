// The swarm's services as `docker service ls` shows them, each with its
// actions; a row's name holds its replicas as running/desired.
import type { SwarmServiceRow, SwarmTaskRow } from '../../../electron/contract/swarm-types.ts';
import { SimpleGrid } from '../registries/SimpleGrid.tsx';
import { portsText, unpinned, updateText } from './service-text.ts';

export type ServiceAction = 'scale' | 'image' | 'rollback' | 'remove' | 'tasks' | 'logs';

const BUTTONS: [ServiceAction, string][] = [
  ['tasks', 'Tasks'],
  ['logs', 'Logs'],
  ['scale', 'Scale'],
  ['image', 'Update image'],
  ['rollback', 'Roll back'],
  ['remove', 'Remove service'],
];

function UpdateCell(props: { service: SwarmServiceRow; tasks: SwarmTaskRow[] }) {
  const text = updateText(props.service, props.tasks);
  if (!text) return <>—</>;
  const p = text.progress;
  return (
    <span className="service-update">
      {text.words}
      {p && (
        <>
          {' '}
          <progress
            aria-label={`Updating ${props.service.name}`}
            max={Math.max(p.desired, 1)}
            value={Math.min(p.updated, p.desired)}
          />{' '}
          {p.updated}/{p.desired}
        </>
      )}
    </span>
  );
}

export function ServicesGrid(props: {
  services: SwarmServiceRow[];
  tasks: SwarmTaskRow[];
  selected: string | null;
  onAction(action: ServiceAction, service: SwarmServiceRow): void;
}) {
  return (
    <SimpleGrid
      label="Swarm services"
      columns={['Service', 'Replicas', 'Image', 'Mode', 'Ports', 'Update', 'Actions']}
      rows={props.services.map((s) => {
        const update = s.update ? `, ${s.update.state.replace(/_/g, ' ')}` : '';
        return {
          key: s.id,
          name: `${s.name}, ${s.running}/${s.desired}${update}`,
          selected: props.selected === s.name,
          cells: [
            <span key="name">
              {s.name}
              {s.stack && <span className="muted"> ({s.stack})</span>}
            </span>,
            `${s.running}/${s.desired}`,
            unpinned(s.image),
            s.mode,
            portsText(s.ports),
            <UpdateCell key="update" service={s} tasks={props.tasks} />,
            <span key="actions" className="row-actions">
              {BUTTONS.map(([action, word]) => (
                <button
                  key={action}
                  type="button"
                  tabIndex={-1}
                  className={action === 'remove' ? 'danger' : undefined}
                  disabled={action === 'scale' && s.mode === 'global'}
                  onClick={() => props.onAction(action, s)}
                >
                  {word}
                </button>
              ))}
            </span>,
          ],
        };
      })}
    />
  );
}
