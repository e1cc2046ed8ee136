import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { LogView } from '../../components/logs/LogView.tsx';
import { isActive } from '../containers/container-filter.ts';
import { logLabelOf } from './project-model.ts';

/** The project's containers' logs in one view, in time order, each line prefixed as `docker compose logs` does. */
export function ProjectLogs({
  project,
  members,
}: {
  project: string;
  members: ContainerSummary[];
}) {
  const sources = [...members]
    .sort((a, b) => logLabelOf(a).localeCompare(logLabelOf(b)))
    .map((c) => ({ id: c.id, label: logLabelOf(c), created: c.created }));
  return (
    <section aria-labelledby="project-logs-title" className="project-logs">
      <h2 id="project-logs-title">Logs</h2>
      <LogView name={`Logs of ${project}`} sources={sources} running={members.some(isActive)} />
    </section>
  );
}
