// The Disk page: `docker system df` as a table, its `-v` rows on demand, kept
// fresh by the engine's events, and the way to the clean-up prunes.
import { useState } from 'react';
import {
  cliSize,
  type DiskKind,
  type DiskTotals,
} from '../../../electron/contract/disk-channels.ts';
import { dockerCommandLine } from '../../../electron/contract/run-spec/run-command.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useEngineStore } from '../../stores/engine-store.ts';
import { CleanUp } from './CleanUp.tsx';
import { DiskDetails } from './DiskDetails.tsx';
import { KIND_LABEL } from './disk-labels.ts';
import { useDiskUsage } from './use-disk-usage.ts';
import './disk.css';

function reclaimableText(t: DiskTotals): string {
  const size = cliSize(t.reclaimable);
  return t.reclaimablePercent === null ? size : `${size} (${t.reclaimablePercent}%)`;
}

export function DiskPage() {
  const engineId = useEngineStore((s) => s.status?.engineId ?? null);
  const running = useEngineStore((s) => s.status?.state === 'running');
  // A new engine shown: a new page, so nothing of the last one's figures stays.
  return <DiskPageOf key={engineId ?? ''} live={running} />;
}

function DiskPageOf(props: { live: boolean }) {
  const cliTarget = useCliTarget();
  const { usage, failure, loading, refresh } = useDiskUsage(props.live);
  const [details, setDetails] = useState<DiskKind | null>(null);
  const [cleaning, setCleaning] = useState(false);

  return (
    <main aria-label="Disk" className="page disk-page">
      <div className="page-header">
        <h1>Disk</h1>
        <div className="toolbar">
          <button type="button" onClick={refresh} disabled={loading}>
            Refresh
          </button>
          <button type="button" aria-expanded={cleaning} onClick={() => setCleaning((v) => !v)}>
            Clean up
          </button>
        </div>
      </div>
      <p className="muted">
        What the engine&apos;s images, containers, local volumes and build cache take, and what a
        prune could give back. Kept up to date by the engine&apos;s events.
      </p>
      {failure && <ErrorAlert message={failure} />}
      {!usage && !failure && (
        <p role="status" aria-label="Disk usage loading" className="muted">
          Measuring… (the engine walks every volume and writable layer)
        </p>
      )}
      {usage && (
        <table aria-label="Disk usage" className="disk-table" aria-busy={loading}>
          <thead>
            <tr>
              <th scope="col">Type</th>
              <th scope="col">Total</th>
              <th scope="col">Active</th>
              <th scope="col">Size</th>
              <th scope="col">Reclaimable</th>
              <th scope="col">
                <span className="visually-hidden">Details</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {usage.totals.map((t) => (
              <tr key={t.kind} aria-label={KIND_LABEL[t.kind]}>
                <th scope="row">{KIND_LABEL[t.kind]}</th>
                <td>{t.total}</td>
                <td>{t.active}</td>
                <td>{cliSize(t.size)}</td>
                <td>{reclaimableText(t)}</td>
                <td>
                  <button
                    type="button"
                    aria-expanded={details === t.kind}
                    onClick={() => setDetails((d) => (d === t.kind ? null : t.kind))}
                  >
                    {`Details of ${KIND_LABEL[t.kind].toLowerCase()}`}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {usage && details && <DiskDetails usage={usage} kind={details} />}
      <ShowCommand
        command={(shell) =>
          dockerCommandLine(['system', 'df', ...(details ? ['-v'] : [])], shell, cliTarget)
        }
      />
      {cleaning && <CleanUp />}
    </main>
  );
}
