import { useId, useState } from 'react';
import { useStream } from '../use-stream.ts';

interface StreamedLogProps {
  /** A stream of text lines that takes `{ tail }`: the last lines, then new ones. */
  channel: 'engine.log' | 'vm.console';
  /** The heading and the `log` region's name. */
  title: string;
  tail?: number;
  /** How many lines stay on screen: the oldest go first. */
  maxLines?: number;
  /** Makes a line plain text (a console's colour codes and carriage returns). */
  clean?: (line: string) => string;
}

/** A log streamed while this view is on screen, reopened after a reconnect. Text only, never HTML. */
export function StreamedLog({
  channel,
  title,
  tail = 200,
  maxLines = 500,
  clean,
}: StreamedLogProps) {
  const [lines, setLines] = useState<string[]>([]);
  const [ended, setEnded] = useState<string | null>(null);
  const titleId = useId();

  useStream(
    channel,
    [{ tail }],
    {
      onOpen() {
        setLines([]); // the tail brings the history again
        setEnded(null);
      },
      onLines: (more) =>
        setLines((prev) => [...prev, ...(clean ? more.map(clean) : more)].slice(-maxLines)),
      onEnd(error) {
        if (error) setEnded(error.message);
      },
    },
    { reopenAfterReconnect: true },
  );

  return (
    <section aria-labelledby={titleId} className="panel">
      <h2 id={titleId}>{title}</h2>
      <div role="log" aria-label={title} className="log" tabIndex={0}>
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

/** The managed engine's log. */
export function EngineLog() {
  return <StreamedLog channel="engine.log" title="Engine log" />;
}
