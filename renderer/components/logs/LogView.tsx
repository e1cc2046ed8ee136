// The one log view: a container's Logs tab today, a Compose project's merged
// logs later (several sources). The DOM holds only the rows on screen; the
// page keeps at most the Settings page's log buffer of rows (DEFAULT_LOG_CAP
// at first) and says when older ones left.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { Shell } from '../../../electron/contract/run-spec/run-command.ts';
import type { TransferRequest } from '../../../electron/contract/transfers-channels.ts';
import { getClient } from '../../client/contract-client.ts';
import { useSettingsStore } from '../../stores/settings-store.ts';
import { CommandPreview } from '../CommandPreview.tsx';
import { DownloadButton } from '../DownloadButton.tsx';
import { LogController, type LogSourceSpec } from './log-controller.ts';
import { LogLineRow } from './LogLineRow.tsx';
import { LogSearch } from './log-search.ts';
import { isSelected } from './log-selection.ts';
import { useLogSelection } from './use-log-selection.ts';
import './log-view.css';

const ROW_HEIGHT = 18;

interface LogViewProps {
  /** The `log` region's name ("Logs", "Logs of PROJECT"). */
  name: string;
  sources: LogSourceSpec[];
  /** Some source's container runs: a log that ended follows on. */
  running: boolean;
  download?: TransferRequest;
  command?: (shell: Shell) => string;
  /** Lines asked for when the view opens (the controller's default when absent). */
  tail?: number;
  /** A few lines inside another page (a container's Overview): no toolbar, a short box. */
  compact?: boolean;
}

export function LogView(props: LogViewProps) {
  const controller = useLogController(props.sources, props.running, props.tail);
  return <LogPanel {...props} controller={controller} />;
}

/**
 * The controller behind a log view, for a page that also reads its lines (the
 * Overview quotes the last error line): pass it to LogPanel.
 */
export function useLogController(
  sources: LogSourceSpec[],
  running: boolean,
  tail?: number,
): LogController {
  const key = JSON.stringify(sources.map((s) => [s.id, s.label]));
  // The user's choice on the Settings page; a change opens the view again with the new bound.
  const cap = useSettingsStore((s) => s.settings.logBufferCap);
  // The sources are compared by value (key).
  const controller = useMemo(
    () => new LogController(getClient(), sources, { cap, ...(tail !== undefined ? { tail } : {}) }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, tail, cap],
  );
  useEffect(() => {
    controller.start();
    return () => controller.dispose();
  }, [controller]);
  useEffect(() => {
    if (running) controller.revive();
  }, [running, controller]);
  return controller;
}

export function LogPanel(props: LogViewProps & { controller: LogController }) {
  const { controller } = props;
  useSyncExternalStore(controller.subscribe, controller.getVersion);
  const { ring, status } = controller;
  const scroller = useRef<HTMLDivElement>(null);
  const [follow, setFollow] = useState(true);
  const [timestamps, setTimestamps] = useState(false);
  const [showCommand, setShowCommand] = useState(false);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<number[]>([]);
  const [current, setCurrent] = useState(-1);
  const anchor = useRef<{ seq: number; offset: number } | null>(null);
  const count = ring.length;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });

  // Following: the newest line in view. Not following: the line at the top stays put.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (follow) el.scrollTop = el.scrollHeight;
    else if (anchor.current) {
      const index = ring.indexOfSeq(anchor.current.seq);
      if (index >= 0) el.scrollTop = index * ROW_HEIGHT + anchor.current.offset;
    }
  });

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    const top = Math.floor(el.scrollTop / ROW_HEIGHT);
    const row = ring.at(top);
    anchor.current = row ? { seq: row.seq, offset: el.scrollTop - top * ROW_HEIGHT } : null;
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT;
    if (atBottom !== follow) setFollow(atBottom);
    if (el.scrollTop < ROW_HEIGHT * 5 && el.scrollHeight > el.clientHeight) controller.loadOlder();
  };

  const rows = useLogSelection({
    ring,
    grid: scroller,
    timestamps,
    resetKey: controller,
    startIndex: () =>
      follow ? count - 1 : Math.floor((scroller.current?.scrollTop ?? 0) / ROW_HEIGHT),
    reveal: (index) => {
      setFollow(index === count - 1 && follow);
      anchor.current = null;
      virtualizer.scrollToIndex(index);
    },
  });

  // The search runs in a worker, again as lines arrive (at most twice a second).
  const search = useRef<LogSearch | null>(null);
  useEffect(() => {
    const s = new LogSearch((seqs) => setMatches(seqs));
    search.current = s;
    return () => s.dispose();
  }, []);
  useEffect(() => {
    if (!query) return;
    const timer = setTimeout(() => {
      search.current?.search(
        query,
        ring.toArray().map((r) => ({ seq: r.seq, text: r.text })),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [query, ring, controller.version]);

  const live = query ? matches.filter((seq) => ring.indexOfSeq(seq) >= 0) : [];
  const currentSeq = live[current] ?? null;
  const go = (step: 1 | -1) => {
    if (live.length === 0) return;
    const next =
      current < 0
        ? step === 1
          ? 0
          : live.length - 1
        : (current + step + live.length) % live.length;
    setCurrent(next);
    setFollow(false);
    const index = ring.indexOfSeq(live[next]!);
    anchor.current = null;
    virtualizer.scrollToIndex(index, { align: 'center' });
  };

  const dropped = ring.dropped > 0 || status.olderDropped;
  return (
    <section
      role="log"
      aria-label={props.name}
      aria-live="off"
      className={props.compact ? 'log-view log-compact' : 'log-view'}
    >
      <div className="log-toolbar">
        <input
          type="search"
          aria-label="Search logs"
          placeholder="Search logs"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setMatches([]);
            setCurrent(-1);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') go(e.shiftKey ? -1 : 1);
          }}
        />
        <button type="button" onClick={() => go(-1)} disabled={live.length === 0}>
          Previous match
        </button>
        <button type="button" onClick={() => go(1)} disabled={live.length === 0}>
          Next match
        </button>
        {query && (
          <span className="muted" aria-live="polite">
            {live.length === 0
              ? 'No matches'
              : `${current < 0 ? '–' : current + 1} of ${live.length}`}
          </span>
        )}
        <label className="inline">
          <input
            type="checkbox"
            checked={follow}
            onChange={(e) => {
              setFollow(e.target.checked);
              anchor.current = null;
            }}
          />
          Follow
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={timestamps}
            onChange={(e) => setTimestamps(e.target.checked)}
          />
          Timestamps
        </label>
        <button type="button" onClick={() => void rows.copy()} disabled={!rows.range}>
          Copy lines
        </button>
        {rows.copied && (
          <span className="muted" role="status" aria-label="Copy lines">
            {rows.copied}
          </span>
        )}
        {props.download && <DownloadButton request={props.download} label="Download log" />}
        {props.command && (
          <button
            type="button"
            aria-expanded={showCommand}
            onClick={() => setShowCommand(!showCommand)}
          >
            Show command
          </button>
        )}
      </div>
      {showCommand && props.command && <CommandPreview command={props.command} />}
      {status.lost && (
        <p role="alert" className="alert log-note">
          Lost the log stream ({status.lost}). Resuming from the last line shown…
        </p>
      )}
      {status.ended && !status.lost && !props.compact && (
        <p role="status" className="muted log-note">
          The log ended: the container stopped. It follows on when the container runs again.
        </p>
      )}
      {dropped && (
        <p role="note" className="muted log-note">
          {ring.dropped > 0
            ? `${ring.dropped.toLocaleString('en')} older lines were dropped from view`
            : 'Older lines were dropped from view'}{' '}
          (this page keeps the latest {ring.cap.toLocaleString('en')} lines). Download log for all
          of it.
        </p>
      )}
      {status.atStart && count > 0 && (
        <p className="muted log-note">This is the start of the log.</p>
      )}
      {status.loadingOlder && <p className="muted log-note">Loading older lines…</p>}
      {props.compact && count === 0 && <p className="muted log-note">Nothing in its log yet.</p>}
      <div
        ref={scroller}
        role="grid"
        aria-label="Log lines"
        aria-rowcount={count}
        aria-readonly="true"
        aria-multiselectable="true"
        className="log-scroller"
        tabIndex={0}
        onScroll={onScroll}
        onMouseDown={rows.onMouseDown}
        onClick={rows.onClick}
        onKeyDown={rows.onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = ring.at(v.index);
            return (
              row && (
                <LogLineRow
                  key={row.seq}
                  row={row}
                  index={v.index}
                  top={v.start}
                  height={ROW_HEIGHT}
                  timestamps={timestamps}
                  query={query}
                  current={row.seq === currentSeq}
                  selected={isSelected(rows.selection, row.seq)}
                />
              )
            );
          })}
        </div>
      </div>
    </section>
  );
}
