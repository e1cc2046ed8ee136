// The Stats tab: the last few minutes of `docker stats` for one container, as
// five small charts. The stream runs while this tab is mounted and the page is
// on screen, and closes when either ends (stats have no engine event).
import { useState } from 'react';
import { isGone } from '../../../../electron/contract/container-stats.ts';
import type { ContainerSummary } from '../../../../electron/contract/container-types.ts';
import { statsCommandLine } from '../../../../electron/contract/run-spec/process-commands.ts';
import { ShowCommand } from '../../../components/ShowCommand.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { TimeChart } from '../../../components/TimeChart.tsx';
import { useCliTarget } from '../../../stores/cli-target.ts';
import { parseStatsLines } from '../../../stores/stats-lines.ts';
import { usePageVisible } from '../../../use-page-visible.ts';
import { useStream } from '../../../use-stream.ts';
import { formatBytes, formatCpu, formatMemory } from '../../containers/stats-format.ts';
import { appendSample, emptyHistory, type StatsHistory } from './stats-history.ts';
import './stats.css';

const rate = (v: number) => `${formatBytes(v)}/s`;

export function StatsTab({ container }: { container: ContainerSummary }) {
  const running = container.state === 'running';
  const visible = usePageVisible();
  const [history, setHistory] = useState<StatsHistory>(emptyHistory);
  const [failure, setFailure] = useState<string | null>(null);
  const cliTarget = useCliTarget();

  useStream(
    'containers.stats',
    running && visible ? [{ ids: [container.id] }] : null,
    {
      onOpen: () => setFailure(null),
      onLines: (lines) => {
        const now = Date.now();
        for (const line of parseStatsLines(lines)) {
          if (!isGone(line)) setHistory((h) => appendSample(h, line, now));
        }
      },
      onEnd: (error) => {
        if (error) setFailure(error.message);
      },
    },
    { reopenAfterReconnect: true },
  );

  const s = history.latest;
  const pending = 'waiting for the first sample';
  return (
    <section role="region" aria-label="Stats" className="stats-tab">
      {!running && (
        <p className="muted">
          {container.name} is not running: it uses no CPU or memory. Start it to see live figures.
        </p>
      )}
      {failure && <ErrorAlert message={`The figures stopped: ${failure}`} />}
      {running && (
        <div className="stats-charts">
          <TimeChart
            label="CPU"
            description={
              s ? (s.cpu === null ? 'CPU: measuring…' : `CPU: ${formatCpu(s.cpu)}`) : pending
            }
            time={history.time}
            series={[{ label: 'CPU %', values: history.cpu, colour: '#2563eb' }]}
            format={(v) => `${Math.round(v)} %`}
            minMax={100}
          />
          <TimeChart
            label="Memory"
            description={
              s
                ? `Memory: ${formatMemory(s.memory, s.limit)}${s.memoryPercent != null ? ` (${s.memoryPercent.toFixed(2)} %)` : ''}`
                : pending
            }
            time={history.time}
            series={[{ label: 'Used', values: history.memory, colour: '#7c3aed' }]}
            format={formatBytes}
          />
          <TimeChart
            label="Network"
            description={
              s?.network
                ? `Network: ${formatBytes(s.network.rx)} received, ${formatBytes(s.network.tx)} sent`
                : pending
            }
            time={history.time}
            series={[
              { label: 'Received', values: history.rxRate, colour: '#059669' },
              { label: 'Sent', values: history.txRate, colour: '#d97706' },
            ]}
            format={rate}
          />
          <TimeChart
            label="Block I/O"
            description={
              s?.blockIo
                ? `Block I/O: ${formatBytes(s.blockIo.read)} read, ${formatBytes(s.blockIo.write)} written`
                : pending
            }
            time={history.time}
            series={[
              { label: 'Read', values: history.readRate, colour: '#0891b2' },
              { label: 'Written', values: history.writeRate, colour: '#dc2626' },
            ]}
            format={rate}
          />
          <TimeChart
            label="PIDs"
            description={s ? `PIDs: ${s.pids ?? 'unknown'}` : pending}
            time={history.time}
            series={[{ label: 'PIDs', values: history.pids, colour: '#4b5563' }]}
            format={(v) => String(Math.round(v))}
          />
        </div>
      )}
      <ShowCommand command={(shell) => statsCommandLine(container.name, shell, cliTarget)} />
    </section>
  );
}
