// The tasks of one service or of all, live (swarm.watchTasks while the page
// is on screen): where each runs, its state against the one wanted, and the
// engine's error for a task that failed ("No such image…").
import type { SwarmTaskRow } from '../../../electron/contract/swarm-types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { SimpleGrid } from '../registries/SimpleGrid.tsx';
import { unpinned } from './service-text.ts';
import { taskCounts, tasksShown } from './task-list.ts';

function taskName(t: SwarmTaskRow): string {
  return `${t.name} on ${t.nodeHostname || 'no node'}, ${t.state}, desired ${t.desiredState}${t.error ? `, ${t.error}` : ''}`;
}

export function TasksGrid(props: {
  tasks: SwarmTaskRow[];
  services: string[];
  service: string | null;
  error: string | null;
  onService(service: string | null): void;
}) {
  const shown = tasksShown(props.tasks, props.service);
  return (
    <section aria-labelledby="swarm-tasks-title" className="swarm-tasks">
      <div className="section-header">
        <h2 id="swarm-tasks-title">Tasks</h2>
        <label className="inline">
          Tasks of{' '}
          <select
            value={props.service ?? ''}
            onChange={(e) => props.onService(e.target.value || null)}
          >
            <option value="">All services</option>
            {props.services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <p role="status" aria-label="Task counts" className="muted">
          {taskCounts(shown)}
        </p>
      </div>
      {props.error && <ErrorAlert message={props.error} />}
      <SimpleGrid
        label="Tasks"
        columns={['Task', 'Node', 'Desired state', 'State', 'Error', 'Image']}
        rows={shown.map((t) => ({
          key: t.id,
          name: taskName(t),
          cells: [
            t.name,
            t.nodeHostname || '—',
            t.desiredState,
            <span key="state" className={`task-state task-${t.state}`} title={t.message}>
              {t.state}
            </span>,
            t.error || '',
            unpinned(t.image),
          ],
        }))}
      />
    </section>
  );
}
