import { useMemo, type CSSProperties } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { useVirtualGrid } from '../../components/use-virtual-grid.ts';
import { dataRowOf } from '../../components/virtual-grid-rows.ts';
import { useSettingsStore } from '../../stores/settings-store.ts';
import { ColumnHeader, type Column } from './ColumnHeader.tsx';
import { gridColumns } from './grid-columns.ts';
import { ContainerRow } from './ContainerRow.tsx';
import type { ListItem, SortKey, SortOrder } from './list-model.ts';
import { ProjectRow } from './ProjectRow.tsx';
import { useContainerStats } from './use-container-stats.ts';
import './containers-grid.css';

const ROW_HEIGHT = 44;
const columns: Column[] = [
  { label: 'Name', className: 'name', sortKey: 'name' },
  { label: 'Image', className: 'image', sortKey: 'image', term: 'image' },
  { label: 'State', className: 'state', sortKey: 'state' },
  { label: 'CPU', className: 'stat cpu' },
  { label: 'Memory', className: 'stat memory' },
  { label: 'Ports', className: 'ports', term: 'port' },
  { label: 'Created', className: 'created', sortKey: 'created' },
  { label: 'Actions', className: 'actions' },
];

interface ContainersGridProps {
  items: ListItem[];
  sort: SortOrder;
  onSort(key: SortKey): void;
  onToggleProject(project: string): void;
  onRemove(containers: ContainerSummary[], project?: string): void;
  selected: ReadonlySet<string>;
  allSelected: boolean;
  onSelect(id: string, selected: boolean): void;
  onSelectAll(selected: boolean): void;
  /** The engine is not answering: rows greyed, their actions off (list-freshness.ts). */
  stale: boolean;
}

/**
 * A virtualised grid: the DOM holds only the rows in view (plus a few), while
 * aria-rowcount and aria-rowindex tell a screen reader the whole size; its
 * keys are the ARIA grid pattern's (components/grid-keys.ts). Index -1 is the
 * header row.
 */
export function ContainersGrid(props: ContainersGridProps) {
  const count = props.items.length;
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
  const hidden = useSettingsStore(useShallow((s) => s.settings.hiddenContainerColumns));
  const layout = useMemo(() => gridColumns(hidden), [hidden]);
  // Stats for the running containers whose rows are in the DOM, and no others
  // (none when the user hid the CPU and memory column).
  useContainerStats(
    items.flatMap((v) => {
      if (hidden.includes('stats')) return [];
      const item = props.items[v.index];
      return item?.kind === 'container' && item.container.state === 'running'
        ? [item.container.id]
        : [];
    }),
  );

  return (
    <div
      role="grid"
      aria-label="Containers"
      aria-rowcount={count + 1}
      aria-colcount={layout.count + (hidden.includes('stats') ? 0 : 1)}
      aria-disabled={props.stale || undefined}
      className={`vgrid containers-grid${props.stale ? ' stale' : ''} ${layout.className}`}
      style={
        {
          '--cg-template': layout.template,
          '--cg-stats': layout.at.stats,
          '--cg-ports': layout.at.ports,
          '--cg-created': layout.at.created,
          '--cg-actions': layout.at.actions,
        } as CSSProperties
      }
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
        <div role="columnheader" className="cell select">
          <input
            type="checkbox"
            tabIndex={-1}
            aria-label="Select all"
            checked={props.allSelected}
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
            const item = props.items[v.index]!;
            const rowProps = {
              rowIndex: dataRowOf(v.index),
              focused: v.index === current,
              nested: item.kind === 'container' && item.project !== undefined,
              stale: props.stale,
              style: rowStyle(v.start),
            };
            return item.kind === 'group' ? (
              <ProjectRow
                key={`project:${item.project}`}
                {...rowProps}
                project={item.project}
                containers={item.containers}
                collapsed={item.collapsed}
                onToggle={() => props.onToggleProject(item.project)}
                onRemove={() => props.onRemove(item.containers, item.project)}
              />
            ) : (
              <ContainerRow
                key={item.container.id}
                {...rowProps}
                container={item.container}
                onRemove={() => props.onRemove([item.container])}
                selected={props.selected.has(item.container.id)}
                onSelect={(on) => props.onSelect(item.container.id, on)}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
