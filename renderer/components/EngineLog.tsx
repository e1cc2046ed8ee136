import { useState } from 'react';
import { useStream } from '../use-stream.ts';

const MAX_LINES = 500;
const TAIL_LINES = 200;

/** The managed engine's log, streamed while this view is on screen, reopened after a reconnect. */
export function EngineLog() {
  const [lines, setLines] = useState<string[]>([]);
  const [ended, setEnded] = useState<string | null>(null);

  useStream(
    'engine.log',
    [{ tail: TAIL_LINES }],
    {
      onOpen() {
        setLines([]); // the tail brings the history again
        setEnded(null);
      },
      onLines: (more) => setLines((prev) => [...prev, ...more].slice(-MAX_LINES)),
      onEnd(error) {
        if (error) setEnded(error.message);
      },
    },
    { reopenAfterReconnect: true },
  );

  return (
    <section aria-labelledby="engine-log-title" className="panel">
      <h2 id="engine-log-title">Engine log</h2>
      <div role="log" aria-label="Engine log" className="log" tabIndex={0}>
        {lines.length === 0 ? (
          <p className="muted">No log lines yet.</p>
        ) : (
          <pre>{lines.join('\n')}</pre>
        )}
      </div>
      {ended && <p className="muted">The log stream ended: {ended}</p>}
    </section>
  );
}
