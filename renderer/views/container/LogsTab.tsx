import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { logsCommandLine } from '../../../electron/contract/container-logs-channels.ts';
import { LogView } from '../../components/logs/LogView.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';

/** The container's log: the last lines, then live; older lines as you scroll up. */
export function LogsTab({ container }: { container: ContainerSummary }) {
  const target = useCliTarget();
  return (
    <LogView
      name="Logs"
      sources={[{ id: container.id, created: container.created }]}
      running={container.state === 'running'}
      download={{ kind: 'containers.logs', args: { id: container.id } }}
      command={(shell) => logsCommandLine(container.name, shell, target)}
    />
  );
}
