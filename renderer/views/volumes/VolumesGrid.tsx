import type { VolumeSummary } from '../../../electron/contract/channels.ts';
import { useVirtualGrid } from '../../components/use-virtual-grid.ts';
import { dataRowOf } from '../../components/virtual-grid-rows.ts';
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
  const now = useNow();
  const count = props.volumes.length;
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
      aria-label="Volumes"
      aria-rowcount={count + 1}
      aria-colcount={columns.length}
      className="vgrid volumes-grid"
      onKeyDown={onKeyDown}
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
            const volume = props.volumes[v.index]!;
            return (
              <VolumeRow
                key={volume.name}
                volume={volume}
                rowIndex={dataRowOf(v.index)}
                focused={v.index === current}
                now={now}
                size={props.sizes?.[volume.name]}
                sizesRead={props.sizes !== null}
                containerIds={props.containerIds}
                onRemove={() => props.onRemove(volume)}
                style={rowStyle(v.start)}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
