// The events as a virtualised ARIA grid (as the Images grid is): the DOM holds
// the rows in view, aria-rowcount and aria-rowindex tell the whole size, the
// keys are grid-keys.ts'. Following, it stays scrolled to the newest event.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import type { EventLogEntry } from '../../../electron/contract/events-channels.ts';
import { onGridKeyDown } from '../../components/grid-keys.ts';
import { actionText, actorText, attributesText, timeText, timeTitle } from './event-log.ts';

const ROW_HEIGHT = 32;
const COLUMNS = ['Time', 'Type', 'Action', 'Actor', 'Attributes'];

export function EventsGrid(props: { events: EventLogEntry[]; follow: boolean }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(0);
  const focusAfterRender = useRef(false);
  const count = props.events.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const current = Math.min(focused, Math.max(0, count - 1));

  useEffect(() => {
    if (props.follow && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [props.follow, count, virtualizer]);

  useEffect(() => {
    if (!focusAfterRender.current) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-row="${current + 2}"]`);
    if (!row) return;
    focusAfterRender.current = false;
    row.focus();
  });

  const moveTo = (index: number) => {
    const next = Math.min(count - 1, Math.max(0, index));
    setFocused(next);
    virtualizer.scrollToIndex(next);
    focusAfterRender.current = true;
  };

  return (
    <div
      role="grid"
      aria-label="Events"
      aria-rowcount={count + 1}
      aria-colcount={COLUMNS.length}
      className="vgrid events-grid"
      onKeyDown={(event) =>
        onGridKeyDown(event, {
          count,
          rowHeight: ROW_HEIGHT,
          viewportHeight: scroller.current?.clientHeight ?? ROW_HEIGHT,
          moveTo,
        })
      }
    >
      <div role="row" aria-rowindex={1} data-row={1} className="grid-row grid-header">
        {COLUMNS.map((c) => (
          <div key={c} role="columnheader" className="cell">
            {c}
          </div>
        ))}
      </div>
      <div ref={scroller} className="vgrid-body" role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const e = props.events[v.index]!;
            const actor = actorText(e);
            return (
              <div
                key={e.seq}
                role="row"
                aria-rowindex={v.index + 2}
                data-row={v.index + 2}
                aria-label={`${e.type} ${actionText(e)} ${actor}`}
                tabIndex={v.index === current ? 0 : -1}
                onFocus={() => setFocused(v.index)}
                className="grid-row"
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`,
                }}
              >
                <div role="gridcell" className="cell time" title={timeTitle(e)}>
                  {timeText(e)}
                </div>
                <div role="gridcell" className="cell">
                  {e.type}
                </div>
                <div role="gridcell" className="cell">
                  {actionText(e)}
                </div>
                <div role="gridcell" className="cell" title={e.actorId}>
                  {actor}
                </div>
                <div role="gridcell" className="cell attributes" title={attributesText(e)}>
                  {attributesText(e)}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
