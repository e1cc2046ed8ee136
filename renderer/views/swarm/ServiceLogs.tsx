// A service's logs: every task's lines in one view, each prefixed by its task
// and node as `docker service logs` prints them (swarm.serviceLogs). The last
// lines only: the view keeps MAX_LINES, as text, never HTML.
import { useState } from 'react';
import { describeError } from '../../../electron/contract/errors.ts';
import type { ServiceLogLine } from '../../../electron/contract/swarm-types.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useStream } from '../../use-stream.ts';

const TAIL = 200;
const MAX_LINES = 2000;

export function ServiceLogs(props: { service: string; onClose(): void }) {
  const [lines, setLines] = useState<ServiceLogLine[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  useStream(
    'swarm.serviceLogs',
    [{ service: props.service, follow: true, tail: TAIL }],
    {
      onOpen: () => {
        setLines([]);
        setFailure(null);
      },
      onLines: (more) =>
        setLines((old) =>
          [...old, ...more.map((l) => JSON.parse(l) as ServiceLogLine)].slice(-MAX_LINES),
        ),
      onEnd: (error) => error && error.kind !== 'cancelled' && setFailure(describeError(error)),
    },
    { reopenAfterReconnect: true },
  );
  return (
    <section aria-labelledby="service-logs-title" className="service-logs">
      <div className="section-header">
        <h2 id="service-logs-title">Logs of {props.service}</h2>
        <button type="button" onClick={props.onClose}>
          Close logs
        </button>
      </div>
      {failure && <ErrorAlert message={failure} />}
      <div
        role="log"
        aria-label={`Logs of ${props.service}`}
        className="service-log-lines"
        tabIndex={0}
      >
        {lines.length === 0 && <p className="muted">No lines yet.</p>}
        {lines.map((l, i) => (
          <div key={i} className={l.stream === 'stderr' ? 'stderr' : undefined}>
            <span className="log-prefix">
              {l.task}@{l.node || '?'}
            </span>{' '}
            | {l.text}
          </div>
        ))}
      </div>
    </section>
  );
}
