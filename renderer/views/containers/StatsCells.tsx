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
  const failure = useStatsStore((s) => (running && !s.byId[c.id] ? s.failure : null));
  if (!running) {
    return (
      <>
        <div role="gridcell" className="cell stat cpu" aria-label="CPU: not running">
          <span aria-hidden="true">—</span>
        </div>
        <div role="gridcell" className="cell stat memory" aria-label="Memory: not running">
          <span aria-hidden="true">—</span>
        </div>
      </>
    );
  }
  if (failure) {
    // No figures and an error: say so (hover for the engine's words) rather than wait forever.
    return (
      <>
        <div
          role="gridcell"
          className="cell stat cpu"
          aria-label={`CPU: unavailable, ${failure}`}
          title={failure}
        >
          <span aria-hidden="true">?</span>
        </div>
        <div
          role="gridcell"
          className="cell stat memory"
          aria-label="Memory: unavailable"
          title={failure}
        >
          <span aria-hidden="true">?</span>
        </div>
      </>
    );
  }
  const cpu = sample && sample.cpu !== null ? formatCpu(sample.cpu) : null;
  const memory = sample ? formatMemory(sample.memory, sample.limit) : null;
  return (
    <>
      <div
        role="gridcell"
        className="cell stat cpu"
        aria-label={cpu ? `CPU ${cpu}` : 'CPU: measuring'}
      >
        {cpu ?? <span className="muted">…</span>}
      </div>
      <div
        role="gridcell"
        className="cell stat memory"
        aria-label={memory ? `Memory ${memory}` : 'Memory: measuring'}
        title={memory ?? undefined}
      >
        {memory ?? <span className="muted">…</span>}
      </div>
    </>
  );
}
