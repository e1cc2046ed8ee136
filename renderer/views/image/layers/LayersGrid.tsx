import { useId, type KeyboardEvent } from 'react';
import { useVirtualGrid } from '../../../components/use-virtual-grid.ts';
import { dataRowOf } from '../../../components/virtual-grid-rows.ts';
import { Term } from '../../../glossary/Term.tsx';
import { useNow } from '../../../use-now.ts';
import { humanDuration } from '../../containers/status-age.ts';
import { sizeText } from '../../images/image-list.ts';
import { rowLabel, shortDigest, type LayerRow } from './layer-rows.ts';

const ROW_HEIGHT = 40;

/**
 * The history as a virtualised grid (an image may have hundreds of steps):
 * one tab stop, arrow keys, Page Up/Down, Home and End move between rows. A
 * row's description is the step's command exactly as `docker history
 * --no-trunc` prints it.
 */
export function LayersGrid(props: {
  rows: LayerRow[];
  current: number;
  onCurrent(index: number): void;
  /** The archive is still being read: layers not known yet (rather than not matched). */
  pending: boolean;
}) {
  const { rows, current } = props;
  const idBase = useId();
  const now = useNow();
  const { items, moveTo, rowStyle, scroller, totalSize } = useVirtualGrid({
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    controlled: { current, onCurrent: props.onCurrent },
  });

  // Its own keys rather than grid-keys.ts': its rows hold no controls to enter.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
      Home: 0,
      End: rows.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined || rows.length === 0) return;
    event.preventDefault();
    moveTo(next);
  };

  return (
    <div
      role="grid"
      aria-label="Layers"
      aria-rowcount={rows.length + 1}
      aria-colcount={5}
      className="vgrid layers-grid"
      onKeyDown={onKeyDown}
    >
      <div role="row" aria-rowindex={1} className="grid-row grid-header">
        <div role="columnheader" className="cell step">
          Step
        </div>
        <div role="columnheader" className="cell size">
          Size
        </div>
        <div role="columnheader" className="cell created">
          Created
        </div>
        <div role="columnheader" className="cell layer">
          <Term term="layer" focusable={-1}>
            Layer
          </Term>
        </div>
        <div role="columnheader" className="cell comment">
          Comment
        </div>
      </div>
      <div ref={scroller} className="vgrid-body" role="rowgroup">
        <div style={{ height: totalSize, position: 'relative' }}>
          {items.map((v) => {
            const row = rows[v.index]!;
            const size = sizeText(row.entry.size);
            const described = `${idBase}-raw-${v.index}`;
            const age = Math.max(0, now / 1000 - row.entry.created);
            return (
              <div
                key={v.index}
                role="row"
                aria-rowindex={dataRowOf(v.index)}
                aria-label={rowLabel(row, size)}
                aria-describedby={described}
                aria-selected={v.index === current}
                tabIndex={v.index === current ? 0 : -1}
                data-row={dataRowOf(v.index)}
                className={`grid-row${row.layer === null ? ' metadata-only' : ''}${row.base ? ' from-base' : ''}`}
                onFocus={() => v.index !== current && props.onCurrent(v.index)}
                onClick={() => props.onCurrent(v.index)}
                style={rowStyle(v.start)}
              >
                <span id={described} hidden>
                  {row.entry.cliText}
                </span>
                <div role="gridcell" className="cell step" title={row.text}>
                  {row.entry.step.instruction && (
                    <span className="instruction">{row.entry.step.instruction}</span>
                  )}{' '}
                  <code>{row.entry.step.instruction ? row.entry.step.args : row.text}</code>
                </div>
                <div role="gridcell" className="cell size">
                  {size}
                </div>
                <div
                  role="gridcell"
                  className="cell created muted"
                  title={new Date(row.entry.created * 1000).toLocaleString()}
                >
                  {age < 1 ? 'Just now' : `${humanDuration(age)} ago`}
                </div>
                <div role="gridcell" className="cell layer">
                  <LayerCell row={row} pending={props.pending} />
                </div>
                <div role="gridcell" className="cell comment muted" title={row.entry.comment}>
                  {row.entry.comment}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function LayerCell({ row, pending }: { row: LayerRow; pending: boolean }) {
  return (
    <>
      {row.layer === undefined ? (
        <span className="muted" title={pending ? 'Reading the image…' : 'Not matched'}>
          {pending ? '…' : '—'}
        </span>
      ) : row.layer === null ? (
        <span className="badge metadata">metadata only</span>
      ) : (
        <code title={row.layer.diffId}>{shortDigest(row.layer.diffId)}</code>
      )}
      {row.base && (
        <span className="badge base" title={`This step is part of ${row.base}`}>
          base: {row.base}
        </span>
      )}
    </>
  );
}
