// The events as a virtualised ARIA grid (components/use-virtual-grid.ts, as the
// Images grid is): the DOM holds the rows in view, aria-rowcount and
// aria-rowindex tell the whole size, the keys are grid-keys.ts'. Following, it
// stays scrolled to the newest event.
import { useEffect } from 'react';
import type { EventLogEntry } from '../../../electron/contract/events-channels.ts';
import { useVirtualGrid } from '../../components/use-virtual-grid.ts';
import { dataRowOf } from '../../components/virtual-grid-rows.ts';
import { actionText, actorText, attributesText, timeText, timeTitle } from './event-log.ts';

const ROW_HEIGHT = 32;
const COLUMNS = ['Time', 'Type', 'Action', 'Actor', 'Attributes'];

export function EventsGrid(props: { events: EventLogEntry[]; follow: boolean }) {
  const count = props.events.length;
  const { current, items, onFocus, onKeyDown, rowStyle, scroller, totalSize, virtualizer } =
    useVirtualGrid({ count, rowHeight: ROW_HEIGHT, overscan: 10 });

  useEffect(() => {
    if (props.follow && count > 0) virtualizer.scrollToIndex(count - 1, { align: 'end' });
  }, [props.follow, count, virtualizer]);

  return (
    <div
      role="grid"
      aria-label="Events"
      aria-rowcount={count + 1}
      aria-colcount={COLUMNS.length}
      className="vgrid events-grid"
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <div role="row" aria-rowindex={1} data-row={1} className="grid-row grid-header">
        {COLUMNS.map((c) => (
          <div key={c} role="columnheader" className="cell">
            {c}
          </div>
        ))}
      </div>
      <div ref={scroller} className="vgrid-body" role="rowgroup">
        <div style={{ height: totalSize, position: 'relative' }}>
          {items.map((v) => {
            const e = props.events[v.index]!;
            const actor = actorText(e);
            return (
              <div
                key={e.seq}
                role="row"
                aria-rowindex={dataRowOf(v.index)}
                data-row={dataRowOf(v.index)}
                aria-label={`${e.type} ${actionText(e)} ${actor}`}
                tabIndex={v.index === current ? 0 : -1}
                className="grid-row"
                style={rowStyle(v.start)}
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
