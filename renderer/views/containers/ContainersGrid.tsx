import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { ContainerRow } from './ContainerRow.tsx';
import type { ListItem, SortKey, SortOrder } from './list-model.ts';
import { ProjectRow } from './ProjectRow.tsx';
import { useContainerStats } from './use-container-stats.ts';

const ROW_HEIGHT = 44;
const columns: { label: string; sortKey?: SortKey; numeric?: boolean }[] = [
  { label: 'Name', sortKey: 'name' },
  { label: 'Image', sortKey: 'image' },
  { label: 'State', sortKey: 'state' },
  { label: 'CPU', numeric: true },
  { label: 'Memory', numeric: true },
  { label: 'Ports' },
  { label: 'Created', sortKey: 'created' },
  { label: 'Actions' },
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
}

/**
 * A virtualised grid: the DOM holds only the rows in view (plus a few), while
 * aria-rowcount and aria-rowindex tell a screen reader the whole size. Arrow
 * keys, Page Up/Down, Home and End move between rows.
 */
export function ContainersGrid(props: ContainersGridProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(0);
  const focusAfterRender = useRef(false);
  const count = props.items.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const current = Math.min(focused, Math.max(0, count - 1));
  const virtualItems = virtualizer.getVirtualItems();
  // Stats for the running containers whose rows are in the DOM, and no others.
  useContainerStats(
    virtualItems.flatMap((v) => {
      const item = props.items[v.index];
      return item?.kind === 'container' && item.container.state === 'running'
        ? [item.container.id]
        : [];
    }),
  );

  // The row to focus may render only after the virtualiser has scrolled: keep
  // trying on each render until it is there.
  useEffect(() => {
    if (!focusAfterRender.current) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-row="${current + 2}"]`);
    if (!row) return;
    focusAfterRender.current = false;
    row.focus();
  });

  /** A row focused by click or Tab becomes the keyboard's current row. */
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const index = Number((event.target as HTMLElement).dataset.row) - 2;
    if (Number.isInteger(index) && index >= 0) setFocused(index);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLElement && event.target.getAttribute('role') !== 'row') return;
    const page = Math.max(
      1,
      Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1,
    );
    if (event.key === 'Enter') {
      // Enter on a row opens its container, as a click on its name does.
      (event.target as HTMLElement).querySelector<HTMLAnchorElement>('.cell.name a')?.click();
      return;
    }
    const moves: Record<string, number> = {
      ArrowDown: current + 1,
      ArrowUp: current - 1,
      PageDown: current + page,
      PageUp: current - page,
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
      aria-label="Containers"
      aria-rowcount={count + 1}
      aria-colcount={columns.length + 1}
      className="vgrid"
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <div role="row" aria-rowindex={1} className="grid-row grid-header">
        <div role="columnheader" className="cell select">
          <input
            type="checkbox"
            aria-label="Select all"
            checked={props.allSelected}
            onChange={(e) => props.onSelectAll(e.target.checked)}
          />
        </div>
        {columns.map((column) => {
          const sorted = column.sortKey === props.sort.key;
          return (
            <div
              key={column.label}
              role="columnheader"
              aria-sort={sorted ? props.sort.direction : column.sortKey ? 'none' : undefined}
              className={column.numeric ? 'cell stat' : 'cell'}
            >
              {column.sortKey ? (
                <button
                  type="button"
                  className="sort"
                  onClick={() => props.onSort(column.sortKey!)}
                >
                  {column.label}
                  <span aria-hidden="true">
                    {sorted ? (props.sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              ) : (
                column.label
              )}
            </div>
          );
        })}
      </div>
      <div ref={scroller} className="vgrid-body" role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualItems.map((v) => {
            const item = props.items[v.index]!;
            const rowProps = {
              rowIndex: v.index + 2,
              focused: v.index === current,
              nested: item.kind === 'container' && item.project !== undefined,
              style: {
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${v.start}px)`,
              } as const,
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
