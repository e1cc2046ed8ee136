import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { EngineCandidate, EngineStatus } from '../../electron/contract/engine-types.ts';
import { DownloadButton } from '../components/DownloadButton.tsx';
import { EngineLog } from '../components/EngineLog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Term } from '../glossary/Term.tsx';
import { indicatorState, runEngineAction, useEngineStore } from '../stores/engine-store.ts';
import { AddEngineDialog } from './engine/AddEngineDialog.tsx';
import { EngineRowExtras, RemoveEngineButton } from './engine/EngineRowExtras.tsx';
import { ResetEngineDialog } from './engine/ResetEngineDialog.tsx';
import { ResetVmDialog } from './engine/vm/ResetVmDialog.tsx';
import { VmConsole } from './engine/vm/VmConsole.tsx';
import { VmDiskFullAlert } from './engine/vm/VmDiskFullAlert.tsx';
import { VmResourcesForm } from './engine/vm/VmResourcesForm.tsx';
import { VmSection } from './engine/vm/VmSection.tsx';
import { isDataDiskError } from './engine/vm/vm-format.ts';

export function EnginePage() {
  const { status, candidates, connection, actionError, busy } = useEngineStore(
    useShallow((s) => ({
      status: s.status,
      candidates: s.candidates,
      connection: s.connection,
      actionError: s.actionError,
      busy: s.busy,
    })),
  );
  const word = indicatorState(status, connection);
  const [confirmReset, setConfirmReset] = useState(false);
  const [adding, setAdding] = useState(false);
  const resetting = busy === 'engine.reset';
  const retry = () => void runEngineAction(status?.managed ? 'engine.start' : 'engine.rediscover');
  const vm = status?.vm;

  return (
    <main aria-label="Engine" className="page">
      <header className="page-header">
        <h1>
          <Term term="engine">Engine</Term>
        </h1>
        <button type="button" onClick={() => setAdding(true)}>
          Add engine
        </button>
        {status?.managed && (
          <div className="toolbar">
            <button
              type="button"
              disabled={busy !== null || status.state === 'running' || status.state === 'starting'}
              onClick={() => void runEngineAction('engine.start')}
            >
              Start
            </button>
            <button
              type="button"
              disabled={busy !== null || status.state === 'stopped' || status.state === 'stopping'}
              onClick={() => void runEngineAction('engine.stop')}
            >
              Stop
            </button>
            <button
              type="button"
              disabled={busy !== null}
              onClick={() => void runEngineAction('engine.restart')}
            >
              Restart
            </button>
            <DownloadButton
              request={{ kind: 'engine.log', args: {} }}
              // The VM's engine log is its serial console (dockerd's lines among the guest's).
              label={vm ? 'Download VM console' : 'Download engine log'}
            />
            <button
              type="button"
              className="danger"
              disabled={busy !== null}
              onClick={() => setConfirmReset(true)}
            >
              {vm ? 'Reset' : 'Reset engine'}
            </button>
          </div>
        )}
      </header>
      {adding && <AddEngineDialog onClose={() => setAdding(false)} />}
      {confirmReset && vm && (
        <ResetVmDialog
          onClose={() => setConfirmReset(false)}
          onConfirm={() => void runEngineAction('engine.reset')}
        />
      )}
      {confirmReset && !vm && (
        <ResetEngineDialog
          onClose={() => setConfirmReset(false)}
          onConfirm={() => void runEngineAction('engine.reset')}
        />
      )}
      {resetting && (
        <div
          role="progressbar"
          aria-label={vm ? 'Resetting the VM' : 'Resetting the engine'}
          aria-valuetext={status?.step ?? 'starting'}
          className="reset-progress"
        >
          {vm ? 'Resetting the VM' : 'Resetting the engine'}:{' '}
          {status?.step?.replace(/^reset: /, '') ?? 'starting'}…
        </div>
      )}

      {status?.error && (
        <ErrorAlert message={errorText(status)}>
          <button type="button" onClick={retry}>
            Retry
          </button>
          {vm && isDataDiskError(status.error) && (
            <button type="button" className="danger" onClick={() => setConfirmReset(true)}>
              Reset
            </button>
          )}
        </ErrorAlert>
      )}
      {actionError && !(status?.error && actionError.includes(status.error.message)) && (
        <ErrorAlert message={actionError} />
      )}

      {vm?.diskUse?.full && (
        <VmDiskFullAlert use={vm.diskUse} onReset={() => setConfirmReset(true)} />
      )}
      {status && vm && <VmSection status={status} vm={vm} />}
      {vm && <VmResourcesForm vm={vm} />}

      <section className="panel summary" aria-label="Engine in use">
        <p>
          <strong>State:</strong> {word}
          {status?.step && word !== 'running' && <span className="muted"> ({status.step})</span>}
        </p>
        {status?.info && (
          <dl className="facts">
            <dt>Version</dt>
            <dd>
              {status.info.version} (API {status.info.apiVersion})
            </dd>
            <dt>OS / arch</dt>
            <dd>
              {status.info.os} / {status.info.arch}
            </dd>
            <dt>CPUs</dt>
            <dd>{status.info.cpus}</dd>
            <dt>Memory</dt>
            <dd>{(status.info.memoryBytes / 1024 ** 3).toFixed(1)} GiB</dd>
          </dl>
        )}
        {/* The VM's engine needs its client certificates: its section shows the context line. */}
        {status?.cliHint && !vm && (
          <p className="cli-hint">
            Use it from a terminal: <code>docker --context {status.cliHint.context} ps</code> or{' '}
            <code>DOCKER_HOST={status.cliHint.dockerHost} docker ps</code>
          </p>
        )}
      </section>

      <CandidatesGrid
        candidates={candidates}
        inUse={status?.engineId ?? null}
        busy={busy !== null}
      />
      {status && <History status={status} />}
      {/* The VM's engine log is its console: shown once, under the console's name. */}
      {vm ? <VmConsole /> : status?.managed && <EngineLog />}
    </main>
  );
}

function CandidatesGrid(props: {
  candidates: EngineCandidate[];
  inUse: string | null;
  busy: boolean;
}) {
  return (
    <section className="panel">
      <h2>Engines</h2>
      <table
        role="grid"
        aria-label="Engines"
        aria-rowcount={props.candidates.length + 1}
        className="grid"
      >
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Engine</th>
            <th scope="col">State</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {props.candidates.map((c, i) => {
            const inUse = c.id === props.inUse;
            return (
              <tr
                key={c.id}
                aria-rowindex={i + 2}
                aria-label={`${c.label} ${c.state}${inUse ? ' in use' : ''}`}
              >
                <td>
                  <div>{c.label}</div>
                  <div className="muted fine-print">
                    {sourceLabels[c.source]}
                    {c.endpoint && (
                      <>
                        : <code>{c.endpoint}</code>
                      </>
                    )}
                  </div>
                </td>
                <td>
                  {c.state}
                  {c.detail && <div className="muted">{c.detail}</div>}
                  {c.hint && <div className="hint">{c.hint}</div>}
                  <EngineRowExtras candidate={c} />
                </td>
                <td>
                  {inUse ? (
                    <span className="badge badge-running">In use</span>
                  ) : (
                    <button
                      type="button"
                      disabled={props.busy}
                      onClick={() => void runEngineAction({ use: c.id })}
                    >
                      Use this engine
                    </button>
                  )}
                  {c.source === 'remote' && !inUse && <RemoveEngineButton candidate={c} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function History({ status }: { status: EngineStatus }) {
  return (
    <section className="panel">
      <h2 id="engine-history-title">History</h2>
      <ul aria-labelledby="engine-history-title" className="history">
        {[...status.history].reverse().map((h, i) => (
          <li key={`${h.at}-${i}`}>
            <time className="muted">{new Date(h.at).toLocaleTimeString()}</time>{' '}
            <span className={`badge badge-${h.state}`}>{h.state}</span>{' '}
            {h.step && <em>{h.step}: </em>}
            {h.message}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** How an engine was found, in the small print under its name. */
const sourceLabels: Record<EngineCandidate['source'], string> = {
  'docker-host': 'Named by DOCKER_HOST',
  'docker-context': 'A context of your docker CLI (docker context ls)',
  'well-known-socket': 'Found at its usual socket',
  managed: 'Started and looked after by Berth',
  explicit: 'Named with --engine',
  remote: 'Added by you',
};

function errorText(status: EngineStatus): string {
  const e = status.error!;
  const parts = [e.step ? `${e.message} (step: ${e.step})` : e.message];
  if (e.hint) parts.push(e.hint);
  return parts.join(' ');
}
