// The Processes tab: `docker top`, asked again every 2 s while the tab is
// mounted and the page on screen (processes have no engine event), and a way
// to send one of them a signal.
import { useEffect, useState } from 'react';
import { describeFailure } from '../../../../electron/contract/errors.ts';
import type { ContainerSummary } from '../../../../electron/contract/container-types.ts';
import type { ProcessList } from '../../../../electron/contract/processes-channels.ts';
import {
  signalCommandLine,
  topCommandLine,
} from '../../../../electron/contract/run-spec/process-commands.ts';
import { getClient } from '../../../client/contract-client.ts';
import { ShowCommand } from '../../../components/ShowCommand.tsx';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useCliTarget } from '../../../stores/cli-target.ts';
import { usePageVisible } from '../../../use-page-visible.ts';
import { processRows, type ProcessRow } from './process-rows.ts';
import { SignalDialog } from './SignalDialog.tsx';
import './processes.css';

const REFRESH_MS = 2000;

export function ProcessesTab({ container }: { container: ContainerSummary }) {
  const running = container.state === 'running';
  const visible = usePageVisible();
  const [list, setList] = useState<ProcessList | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [signalling, setSignalling] = useState<ProcessRow | null>(null);
  const [sent, setSent] = useState<{ signal: string; pid: number; inside: number } | null>(null);
  const [refresh, setRefresh] = useState(0);
  const cliTarget = useCliTarget();

  useEffect(() => {
    if (!running || !visible) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The next ask waits for this answer: a slow engine is never asked twice at once.
    const ask = async () => {
      try {
        const got = await getClient().call('containers.top', container.id);
        if (stopped) return;
        setList(got);
        setFailure(null);
      } catch (err) {
        if (stopped) return;
        setFailure(describeFailure(err));
      }
      timer = setTimeout(() => void ask(), REFRESH_MS);
    };
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [container.id, running, visible, refresh]);

  const rows = list && running ? processRows(list) : [];
  return (
    <div className="processes-tab">
      {!running && <p className="muted">{container.name} is not running: it has no processes.</p>}
      {failure && <ErrorAlert message={failure} />}
      {sent && (
        <p role="status" aria-label="Signal sent">
          Sent {sent.signal} to PID {sent.pid}
          {sent.inside !== sent.pid ? ` (PID ${sent.inside} inside the container)` : ''}.
        </p>
      )}
      <table aria-label="Processes" className="processes-table">
        <thead>
          <tr>
            <th scope="col">PID</th>
            <th scope="col">User</th>
            <th scope="col">CPU %</th>
            <th scope="col">Memory %</th>
            <th scope="col">Command</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.pid}>
              <td>{p.pid}</td>
              <td>{p.user}</td>
              <td>{p.cpu ?? '—'}</td>
              <td>{p.memory ?? '—'}</td>
              <td>
                <code>{p.command}</code>
              </td>
              <td>
                <button
                  type="button"
                  className="small"
                  aria-label={`Send signal to PID ${p.pid}`}
                  onClick={() => setSignalling(p)}
                >
                  Signal…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        PIDs as the engine&apos;s host sees them, like <code>docker top</code>; inside the container
        they differ.
      </p>
      <ShowCommand
        command={(shell) =>
          [
            topCommandLine(container.name, list?.psArgs ?? null, shell, cliTarget),
            ...(sent
              ? [signalCommandLine(container.name, sent.signal, sent.inside, shell, cliTarget)]
              : []),
          ].join('\n')
        }
      />
      {signalling && (
        <SignalDialog
          containerId={container.id}
          process={signalling}
          onClose={() => setSignalling(null)}
          onSent={(signal, inside) => {
            setSent({ signal, pid: signalling.pid, inside });
            setSignalling(null);
            setRefresh((n) => n + 1);
          }}
        />
      )}
    </div>
  );
}
