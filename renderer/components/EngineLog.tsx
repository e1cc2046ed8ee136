import { useEffect, useState } from 'react';
import { getClient } from '../client/contract-client.ts';

const MAX_LINES = 500;
const TAIL_LINES = 200;

/** The managed engine's log, streamed while this view is on screen, reopened after a reconnect. */
export function EngineLog() {
  const [lines, setLines] = useState<string[]>([]);
  const [ended, setEnded] = useState<string | null>(null);

  useEffect(() => {
    const client = getClient();
    let handle: { cancel(): void } | null = null;
    const open = () => {
      handle?.cancel();
      setLines([]); // the tail brings the history again
      setEnded(null);
      const decoder = new TextDecoder(); // per stream, so a character split across frames survives
      let partial = '';
      handle = client.stream('engine.log', [{ tail: TAIL_LINES }], {
        onData(bytes, ack) {
          const text = partial + decoder.decode(bytes, { stream: true });
          const parts = text.split('\n');
          partial = parts.pop() ?? '';
          if (parts.length) setLines((prev) => [...prev, ...parts].slice(-MAX_LINES));
          ack();
        },
        onEnd(error) {
          if (error) setEnded(error.message);
        },
      });
    };
    open();
    let wasOpen = client.connection === 'open';
    const unsubscribe = client.onConnection((state) => {
      if (state === 'open' && !wasOpen) open();
      wasOpen = state === 'open';
    });
    return () => {
      unsubscribe();
      handle?.cancel();
    };
  }, []);

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
