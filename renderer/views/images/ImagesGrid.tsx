import type { ImageSummary } from '../../../electron/contract/channels.ts';
import { useVirtualGrid } from '../../components/use-virtual-grid.ts';
import { dataRowOf } from '../../components/virtual-grid-rows.ts';
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
 * are the ARIA grid pattern's (components/use-virtual-grid.ts). Index -1 is the header.
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
  const now = useNow();
  const count = props.images.length;
  const {
    current,
    header,
    headerTabIndex,
    items,
    onFocus,
    onKeyDown,
    rowStyle,
    scroller,
    totalSize,
  } = useVirtualGrid({ count, rowHeight: ROW_HEIGHT, headerRow: true, keepFocus: true });

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
        onKeyDown(event);
      }}
      onFocus={onFocus}
    >
      <div
        role="row"
        aria-rowindex={1}
        ref={header}
        data-row={1}
        tabIndex={headerTabIndex}
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
        <div style={{ height: totalSize, position: 'relative' }}>
          {items.map((v) => {
            const image = props.images[v.index]!;
            return (
              <ImageRow
                key={image.id}
                image={image}
                rowIndex={dataRowOf(v.index)}
                focused={v.index === current}
                now={now}
                selected={props.selected.has(image.id)}
                onSelect={(on) => props.onSelect(image.id, on)}
                onRun={() => props.onRun(image)}
                onRemove={() => props.onRemove(image)}
                onTag={() => props.onTag(image)}
                onPush={() => props.onPush(image)}
                style={rowStyle(v.start)}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
