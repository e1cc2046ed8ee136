// The services with their dialogs, the tasks (of the service picked, or all)
// and a service's logs. Tasks are watched here, while the page is on screen.
import { useState } from 'react';
import {
  serviceRemoveCommandLine,
  serviceRollbackCommandLine,
} from '../../../electron/contract/swarm-commands.ts';
import type { SwarmServiceRow } from '../../../electron/contract/swarm-types.ts';
import { getClient } from '../../client/contract-client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { CreateServiceDialog } from './CreateServiceDialog.tsx';
import { ScaleServiceDialog, UpdateImageDialog } from './ServiceDialogs.tsx';
import { ServiceLogs } from './ServiceLogs.tsx';
import { ServicesGrid, type ServiceAction } from './ServicesGrid.tsx';
import { TasksGrid } from './TasksGrid.tsx';
import type { RunSwarmAction } from './use-swarm-action.ts';
import { useSwarmTasks } from './use-swarm-watch.ts';

type Dialog = { kind: 'scale' | 'image' | 'remove'; service: SwarmServiceRow } | { kind: 'create' };

export function ServicesSection(props: { services: SwarmServiceRow[]; run: RunSwarmAction }) {
  const { run } = props;
  const tasksView = useSwarmTasks(true);
  const tasks = Object.values(tasksView.tasks.byId);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [logsOf, setLogsOf] = useState<string | null>(null);
  const names = props.services.map((s) => s.name);
  // A service removed meanwhile is no longer picked.
  const service = picked && names.includes(picked) ? picked : null;

  const onAction = (action: ServiceAction, s: SwarmServiceRow) => {
    if (action === 'tasks') setPicked(s.name);
    else if (action === 'logs') setLogsOf(s.name);
    else if (action === 'rollback')
      void run(
        `Roll back ${s.name}`,
        (shell, t) => serviceRollbackCommandLine(s.name, shell, t),
        () => getClient().call('swarm.rollbackService', s.id),
      );
    else setDialog({ kind: action, service: s });
  };

  return (
    <>
      <section aria-labelledby="swarm-services-title">
        <div className="section-header">
          <h2 id="swarm-services-title">Services</h2>
          <button type="button" onClick={() => setDialog({ kind: 'create' })}>
            Create service
          </button>
        </div>
        <ServicesGrid
          services={props.services}
          tasks={tasks}
          selected={service}
          onAction={onAction}
        />
        {props.services.length === 0 && <p className="empty">No service runs in this swarm.</p>}
      </section>
      <TasksGrid
        tasks={tasks}
        services={names}
        service={service}
        error={tasksView.error}
        onService={setPicked}
      />
      {logsOf && names.includes(logsOf) && (
        <ServiceLogs key={logsOf} service={logsOf} onClose={() => setLogsOf(null)} />
      )}
      {dialog?.kind === 'create' && (
        <CreateServiceDialog
          onClose={() => setDialog(null)}
          onCreated={(name) => name && setPicked(name)}
        />
      )}
      {dialog?.kind === 'scale' && (
        <ScaleServiceDialog service={dialog.service} run={run} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'image' && (
        <UpdateImageDialog service={dialog.service} run={run} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'remove' && (
        <ConfirmDialog
          title={`Remove service ${dialog.service.name}?`}
          words={`Its ${dialog.service.running} running task${dialog.service.running === 1 ? '' : 's'} stop and the service is gone. This cannot be undone.`}
          confirm="Remove service"
          onClose={() => setDialog(null)}
          onConfirm={() => {
            const s = dialog.service;
            void run(
              `Remove service ${s.name}`,
              (shell, t) => serviceRemoveCommandLine(s.name, shell, t),
              () => getClient().call('swarm.removeService', s.id),
            );
          }}
        />
      )}
    </>
  );
}
