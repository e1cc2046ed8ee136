import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { ImageSummary } from '../../../electron/contract/channels.ts';
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
 * in view, aria-rowcount and aria-rowindex tell the whole size. One tab stop;
 * arrows, Page Up/Down, Home and End move between rows, Enter opens the image.
 */
export function ImagesGrid(props: {
  images: ImageSummary[];
  sort: ImageSortOrder;
  onSort(key: ImageSortKey): void;
  onRun(image: ImageSummary): void;
  onRemove(image: ImageSummary): void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(0);
  const focusAfterRender = useRef(false);
  const now = useNow();
  const count = props.images.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const current = Math.min(focused, Math.max(0, count - 1));

  useEffect(() => {
    if (!focusAfterRender.current) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-row="${current + 2}"]`);
    if (!row) return; // not rendered yet: the virtualiser is still scrolling to it
    focusAfterRender.current = false;
    row.focus();
  });

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[role="row"][data-row]');
    if (!row || event.target !== row) return;
    if (event.key === 'Enter') {
      row.querySelector<HTMLAnchorElement>('.cell.name a')?.click();
      return;
    }
    const page = Math.max(
      1,
      Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1,
    );
    const from = Number(row.dataset.row) - 2;
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: count - 1,
    };
    const next = moves[event.key];
    if (next === undefined || count === 0) return;
    event.preventDefault();
    const index = Math.min(count - 1, Math.max(0, next));
    setFocused(index);
    virtualizer.scrollToIndex(index);
    focusAfterRender.current = true;
  };

  return (
    <div
      role="grid"
      aria-label="Images"
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      className="vgrid images-grid"
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const index =
          Number((e.target as HTMLElement).closest<HTMLElement>('[data-row]')?.dataset.row) - 2;
        if (Number.isInteger(index) && index >= 0) setFocused(index);
      }}
    >
      <div role="row" aria-rowindex={1} className="grid-row grid-header">
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
                onRun={() => props.onRun(image)}
                onRemove={() => props.onRemove(image)}
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
