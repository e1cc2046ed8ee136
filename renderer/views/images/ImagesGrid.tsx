import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type FocusEvent } from 'react';
import type { ImageSummary } from '../../../electron/contract/channels.ts';
import { onGridKeyDown } from '../../components/grid-keys.ts';
import { useNow } from '../../use-now.ts';
import { ColumnHeader, type Column } from '../containers/ColumnHeader.tsx';
import type { ImageSortKey, ImageSortOrder } from './image-list.ts';
import { ImageRow } from './ImageRow.tsx';
import './images-grid.css';

const ROW_HEIGHT = 44;
const columns: Column<ImageSortKey>[] = [
  { label: 'Repository', className: 'name', sortKey: 'repository', term: 'image' },
  { label: 'Tag', className: 'tag', sortKey: 'tag' },
  { label: 'ID', className: 'id' },
  { label: 'Created', className: 'created', sortKey: 'created' },
  { label: 'Size', className: 'size', sortKey: 'size' },
  { label: 'Shared', className: 'shared', sortKey: 'shared' },
  { label: 'In use by', className: 'used-by', term: 'container' },
  { label: 'Actions', className: 'actions' },
];

/**
 * Local images, virtualised as the Containers grid is: the DOM holds the rows
 * in view, aria-rowcount and aria-rowindex tell the whole size, and the keys
 * are the ARIA grid pattern's (components/grid-keys.ts). Index -1 is the header.
 */
export function ImagesGrid(props: {
  images: ImageSummary[];
  sort: ImageSortOrder;
  onSort(key: ImageSortKey): void;
  /** Ids of the images picked for "Remove selected" and "Save". */
  selected: ReadonlySet<string>;
  onSelect(id: string, selected: boolean): void;
  onSelectAll(selected: boolean): void;
  onRun(image: ImageSummary): void;
  onRemove(image: ImageSummary): void;
  onTag(image: ImageSummary): void;
  onPush(image: ImageSummary): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(0);
  const focusAfterRender = useRef(false);
  /** The element inside the grid that last had focus, to catch it being removed under it. */
  const lastFocused = useRef<HTMLElement | null>(null);
  const now = useNow();
  const count = props.images.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const current = Math.min(focused, Math.max(0, count - 1));

  // A row to focus may render only after the virtualiser scrolled: try on each render. A
  // focused row that went away (its image removed) hands focus to the current row.
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
      aria-label="Images"
      aria-rowcount={count + 1}
      aria-colcount={columns.length + 1}
      aria-multiselectable
      className="vgrid images-grid"
      onKeyDown={(event) => {
        // Space on a row picks it, as the row's checkbox does.
        const target = event.target as HTMLElement;
        if (event.key === ' ' && target.getAttribute('role') === 'row' && target.dataset.row) {
          const image = props.images[Number(target.dataset.row) - 2];
          if (!image) return;
          event.preventDefault();
          props.onSelect(image.id, !props.selected.has(image.id));
          return;
        }
        onGridKeyDown(event, {
          count,
          rowHeight: ROW_HEIGHT,
          viewportHeight: scroller.current?.clientHeight ?? ROW_HEIGHT,
          moveTo,
        });
      }}
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
        <div role="columnheader" className="cell select">
          <input
            type="checkbox"
            tabIndex={-1}
            aria-label="Select all"
            checked={count > 0 && props.images.every((i) => props.selected.has(i.id))}
            onChange={(e) => props.onSelectAll(e.target.checked)}
          />
        </div>
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
            const image = props.images[v.index]!;
            return (
              <ImageRow
                key={image.id}
                image={image}
                rowIndex={v.index + 2}
                focused={v.index === current}
                now={now}
                selected={props.selected.has(image.id)}
                onSelect={(on) => props.onSelect(image.id, on)}
                onRun={() => props.onRun(image)}
                onRemove={() => props.onRemove(image)}
                onTag={() => props.onTag(image)}
                onPush={() => props.onPush(image)}
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
