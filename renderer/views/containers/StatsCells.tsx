import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { useStatsStore } from '../../stores/stats-store.ts';
import { formatCpu, formatMemory } from './stats-format.ts';

/**
 * The CPU and Memory cells of one row. Each row selects only its own sample,
 * so a new sample re-renders these two cells and nothing else.
 */
export function StatsCells({ container: c }: { container: ContainerSummary }) {
  const running = c.state === 'running';
  const sample = useStatsStore((s) => (running ? s.byId[c.id] : undefined));
  if (!running) {
    return (
      <>
        <div role="gridcell" className="cell stat" aria-label="CPU: not running">
          <span aria-hidden="true">—</span>
        </div>
        <div role="gridcell" className="cell stat" aria-label="Memory: not running">
          <span aria-hidden="true">—</span>
        </div>
      </>
    );
  }
  const cpu = sample && sample.cpu !== null ? formatCpu(sample.cpu) : null;
  const memory = sample ? formatMemory(sample.memory, sample.limit) : null;
  return (
    <>
      <div role="gridcell" className="cell stat" aria-label={cpu ? `CPU ${cpu}` : 'CPU: measuring'}>
        {cpu ?? <span className="muted">…</span>}
      </div>
      <div
        role="gridcell"
        className="cell stat"
        aria-label={memory ? `Memory ${memory}` : 'Memory: measuring'}
        title={memory ?? undefined}
      >
        {memory ?? <span className="muted">…</span>}
      </div>
    </>
  );
}
