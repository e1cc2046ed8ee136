// The Events page: the engine's events, live, filterable, exportable as the
// JSON lines the engine sent. Everything the engine says is shown as text.
import { useDeferredValue, useMemo, useState } from 'react';
import {
  EVENT_TYPES,
  eventMatches,
  type EventFilter,
} from '../../../electron/contract/events-channels.ts';
import { dockerCommandLine } from '../../../electron/contract/run-spec/run-command.ts';
import { DownloadButton } from '../../components/DownloadButton.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useEngineStore } from '../../stores/engine-store.ts';
import { EventsGrid } from './EventsGrid.tsx';
import { useEventLog } from './use-event-log.ts';
import './events.css';

export function EventsPage() {
  const engineId = useEngineStore((s) => s.status?.engineId ?? null);
  const running = useEngineStore((s) => s.status?.state === 'running');
  // Another engine shown: its own events, from its own ring.
  return <EventsPageOf key={engineId ?? ''} live={running} />;
}

function EventsPageOf(props: { live: boolean }) {
  const cliTarget = useCliTarget();
  const [type, setType] = useState('');
  const [text, setText] = useState('');
  const [follow, setFollow] = useState(true);
  const { events, held, failure } = useEventLog(props.live, !follow);
  const filter: EventFilter = useMemo(
    () => ({ ...(type ? { type } : {}), ...(text.trim() ? { text: text.trim() } : {}) }),
    [type, text],
  );
  const deferred = useDeferredValue(filter);
  const shown = useMemo(() => events.filter((e) => eventMatches(e, deferred)), [events, deferred]);

  return (
    <main aria-label="Events" className="page events-page">
      <div className="page-header">
        <h1>Events</h1>
        <div className="toolbar">
          <label className="inline">
            Type{' '}
            <select value={type} onChange={(e) => setType(e.target.value)}>
              <option value="">All types</option>
              {EVENT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          <input
            type="search"
            aria-label="Filter events"
            placeholder="Filter events"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <label className="checkbox">
            <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} />
            Follow
          </label>
          <DownloadButton request={{ kind: 'events.export', args: filter }} label="Export" />
        </div>
      </div>
      <p role="status" aria-label="Events shown" className="muted">
        {shown.length === events.length
          ? `${events.length} events`
          : `${shown.length} of ${events.length} events`}
        {held > 0 && ` · paused: ${held} new held back`}
        {!follow && held === 0 && ' · paused'}
      </p>
      {failure && <ErrorAlert message={failure} />}
      <EventsGrid events={shown} follow={follow} />
      <ShowCommand
        command={(shell) =>
          dockerCommandLine(
            ['events', ...(type ? ['--filter', `type=${type}`] : []), '--format', '{{json .}}'],
            shell,
            cliTarget,
          )
        }
      />
    </main>
  );
}
