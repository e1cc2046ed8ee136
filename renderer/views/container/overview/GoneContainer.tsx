import { useEffect, useState } from 'react';
import { describeFailure } from '../../../../electron/contract/errors.ts';
import type { KeptOutput } from '../../../../electron/contract/kept-output-channels.ts';
import { getClient } from '../../../client/contract-client.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { explainExit } from './exit-reason.ts';
import './overview.css';

/** How long to look again for the exit code of a `--rm` container that just went. */
const EXIT_POLL_MS = 500;
const EXIT_POLLS = 20;

/**
 * A container no longer on the engine. One this app started with `--rm` still
 * shows what it printed and how it ended; any other is simply gone.
 */
export function GoneContainer({ id, loaded }: { id: string; loaded: boolean }) {
  const [kept, setKept] = useState<{ output: KeptOutput | null } | { error: string } | null>(null);
  const [polls, setPolls] = useState(0);
  useEffect(() => {
    if (!loaded) return;
    let current = true;
    getClient()
      .call('containers.keptOutput', id)
      .then(
        (output) => current && setKept({ output }),
        (err: unknown) => current && setKept({ error: describeFailure(err) }),
      );
    return () => {
      current = false;
    };
  }, [id, loaded, polls]);
  const output = kept && 'output' in kept ? kept.output : null;
  // The engine removes it as it exits; the exit code arrives a moment later.
  const waiting = output && output.exitCode === undefined && !output.waitError;
  useEffect(() => {
    if (!waiting || polls >= EXIT_POLLS) return;
    const timer = setTimeout(() => setPolls(polls + 1), EXIT_POLL_MS);
    return () => clearTimeout(timer);
  }, [waiting, polls]);

  if (output) return <RemovedOverview output={output} />;
  return (
    <main aria-label="Container" className="page">
      <a href="#/containers">← Containers</a>
      {kept && 'error' in kept && <ErrorAlert message={kept.error} />}
      {loaded && kept ? (
        <div role="alert" className="alert">
          <p>
            This container is gone: it is no longer on the engine (removed, perhaps with the docker
            CLI).
          </p>
        </div>
      ) : (
        <p className="muted">Loading…</p>
      )}
    </main>
  );
}

function RemovedOverview({ output }: { output: KeptOutput }) {
  const words =
    output.exitCode !== undefined
      ? explainExit({
          ExitCode: output.exitCode,
          ...(output.waitError ? { Error: output.waitError } : {}),
        })
      : null;
  return (
    <main aria-label={output.name} className="page">
      <a href="#/containers">← Containers</a>
      <header className="page-header">
        <div>
          <h1>{output.name}</h1>
          <p className="muted">
            <span className="badge">removed</span> {output.image} · {output.id.slice(0, 12)}
          </p>
        </div>
      </header>
      <div className="overview panel">
        <section aria-labelledby="overview-state">
          <h2 id="overview-state">State</h2>
          <p>
            <strong>{words ? `${words.words}, then removed` : 'stopped and removed'}</strong>
          </p>
          <p className="muted">
            It was started with “Remove when it exits” (--rm): the engine deleted it and its log as
            it stopped. Berth kept what it printed, until Berth closes.
          </p>
          {words?.reason && (
            <p
              role="status"
              aria-label="Why it stopped"
              className={words.failed ? 'why-stopped failed' : 'why-stopped'}
            >
              {words.reason}
            </p>
          )}
          {output.waitError && (
            <ErrorAlert message={`Couldn't learn how it ended: ${output.waitError}`} />
          )}
        </section>
        <section aria-labelledby="overview-output">
          <h2 id="overview-output">What it printed</h2>
          {output.dropped > 0 && (
            <p className="muted">
              {output.dropped.toLocaleString('en')} earlier lines were not kept.
            </p>
          )}
          {output.lines.length === 0 ? (
            <p className="muted">Nothing.</p>
          ) : (
            <ol aria-label="Kept output" className="kept-output">
              {output.lines.map((line, i) => (
                <li
                  key={i}
                  className={`log-${line.stream}`}
                  title={line.stream === 'stderr' ? 'stderr' : undefined}
                >
                  {line.text}
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </main>
  );
}
