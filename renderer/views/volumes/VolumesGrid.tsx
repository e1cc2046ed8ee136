import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type FocusEvent } from 'react';
import type { VolumeSummary } from '../../../electron/contract/channels.ts';
import { onGridKeyDown } from '../../components/grid-keys.ts';
import { useNow } from '../../use-now.ts';
import { ColumnHeader, type Column } from '../containers/ColumnHeader.tsx';
import type { VolumeSortKey, VolumeSortOrder } from './volume-list.ts';
import { VolumeRow } from './VolumeRow.tsx';
import './volumes-grid.css';

const ROW_HEIGHT = 40;
const columns: Column<VolumeSortKey>[] = [
  { label: 'Name', className: 'name', sortKey: 'name', term: 'volume' },
  { label: 'Driver', className: 'driver', sortKey: 'driver' },
  { label: 'Mount point', className: 'mountpoint' },
  { label: 'Size', className: 'size', sortKey: 'size' },
  { label: 'In use by', className: 'used-by', term: 'container' },
  { label: 'Created', className: 'created', sortKey: 'created' },
  { label: 'Labels', className: 'labels' },
  { label: 'Actions', className: 'actions' },
];

/**
 * The engine's volumes, virtualised as the Images grid is (500 volumes are
 * ordinary): the DOM holds the rows in view, aria-rowcount tells the whole
 * size, and the keys are the ARIA grid pattern's. Index -1 is the header.
 */
export function VolumesGrid(props: {
  volumes: VolumeSummary[];
  sort: VolumeSortOrder;
  onSort(key: VolumeSortKey): void;
  sizes: Readonly<Record<string, number>> | null;
  containerIds: ReadonlyMap<string, string>;
  onRemove(volume: VolumeSummary): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(0);
  const focusAfterRender = useRef(false);
  const lastFocused = useRef<HTMLElement | null>(null);
  const now = useNow();
  const count = props.volumes.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const current = Math.min(focused, Math.max(0, count - 1));

  // A focused row that went away (its volume removed) hands focus to the current row.
  useEffect(() => {
    const lost =
      lastFocused.current !== null &&
      !lastFocused.current.isConnected &&
      document.activeElement === document.body;
    if (lost) lastFocused.current = null;
    if (!focusAfterRender.current && !lost) return;
    const row =
      current < 0
        ? header.current
        : scroller.current?.querySelector<HTMLElement>(`[data-row="${current + 2}"]`);
    if (!row) return;
    focusAfterRender.current = false;
    row.focus();
  });

  const moveTo = (index: number) => {
    const next = Math.min(count - 1, Math.max(-1, index));
    setFocused(next);
    if (next >= 0) virtualizer.scrollToIndex(next);
    focusAfterRender.current = true;
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    lastFocused.current = target;
    const index = Number(target.closest<HTMLElement>('[data-row]')?.dataset.row) - 2;
    if (Number.isInteger(index) && index >= -1) setFocused(index);
  };

  return (
    <div
      role="grid"
      aria-label="Volumes"
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      className="vgrid volumes-grid"
      onKeyDown={(event) =>
        onGridKeyDown(event, {
          count,
          rowHeight: ROW_HEIGHT,
          viewportHeight: scroller.current?.clientHeight ?? ROW_HEIGHT,
          moveTo,
        })
      }
      onFocus={onFocus}
    >
      <div
        role="row"
        aria-rowindex={1}
        ref={header}
        data-row={1}
        tabIndex={current === -1 || count === 0 ? 0 : -1}
        className="grid-row grid-header"
      >
        {columns.map((column) => (
          <ColumnHeader
            key={column.label}
            column={column}
            sort={props.sort}
            onSort={props.onSort}
          />
        ))}
      </div>
      <div ref={scroller} className="vgrid-body" role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const volume = props.volumes[v.index]!;
            return (
              <VolumeRow
                key={volume.name}
                volume={volume}
                rowIndex={v.index + 2}
                focused={v.index === current}
                now={now}
                size={props.sizes?.[volume.name]}
                sizesRead={props.sizes !== null}
                containerIds={props.containerIds}
                onRemove={() => props.onRemove(volume)}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`,
                }}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
