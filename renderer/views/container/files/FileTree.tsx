import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { treeKeyMove } from '../../../components/tree-keys.ts';
import { dropFolderOf } from './dropped-files.ts';
import type { TreeRow } from './files-tree.ts';
import { DROP_FOLDER_ATTR } from './use-file-drop.ts';

const CHANGE_MARK = { added: 'A', changed: 'C', deleted: 'D' } as const;
const ROW_HEIGHT = 22;

/**
 * A virtualised `tree` of flat rows: the DOM holds the rows in view (a folder
 * of 100,000 files stays light), and aria-level / aria-setsize / aria-posinset
 * say each row's place. One tab stop: arrows move, Right opens, Left closes or
 * goes up, Home and End.
 */
export function FileTree(props: {
  rows: TreeRow[];
  selected: string;
  onSelect(path: string): void;
  onToggle(row: TreeRow): void;
  /** Why a folder shows no children: "Reading…", an error. */
  notes: ReadonlyMap<string, string>;
  /** The folder files dragged over the tree would go into (highlighted). */
  dropInto?: string | null;
}) {
  const { rows, selected, onSelect, onToggle, notes } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const focusAfterRender = useRef(false);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const index = Math.max(
    0,
    rows.findIndex((r) => r.path === selected),
  );
  // The row to focus may render only after the virtualiser has scrolled to it.
  useEffect(() => {
    if (!focusAfterRender.current) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (!row) return;
    focusAfterRender.current = false;
    row.focus();
  });
  const focusRow = (i: number) => {
    const row = rows[i];
    if (!row) return;
    onSelect(row.path);
    virtualizer.scrollToIndex(i);
    focusAfterRender.current = true;
  };
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const move = treeKeyMove(rows, i, e.key);
    if (!move) return;
    e.preventDefault();
    if ('toggle' in move) onToggle(rows[move.toggle]!);
    else focusRow(move.focus);
  };
  return (
    <div ref={scroller} className="file-tree">
      <ul
        role="tree"
        aria-label="Container files"
        style={{ height: `${virtualizer.getTotalSize()}px` }}
      >
        {virtualizer.getVirtualItems().map(({ index: i, start }) => {
          const row = rows[i]!;
          const note = row.expanded ? notes.get(row.path) : undefined;
          const label = row.change ? `${row.name}, ${row.change}` : row.name;
          const classes = [
            row.path === selected ? 'selected' : '',
            row.path === props.dropInto ? 'drop-into' : '',
          ].filter(Boolean);
          return (
            <li
              key={row.path}
              data-index={i}
              role="treeitem"
              aria-label={label}
              aria-level={row.level}
              aria-setsize={row.setSize}
              aria-posinset={row.posInSet}
              aria-selected={row.path === selected}
              {...(row.expandable ? { 'aria-expanded': row.expanded } : {})}
              tabIndex={i === index ? 0 : -1}
              className={classes.length ? classes.join(' ') : undefined}
              {...{ [DROP_FOLDER_ATTR]: dropFolderOf(row) }}
              style={{
                paddingLeft: `${(row.level - 1) * 16 + 4}px`,
                height: `${ROW_HEIGHT}px`,
                transform: `translateY(${start}px)`,
              }}
              onClick={() => {
                onSelect(row.path);
                if (row.expandable) onToggle(row);
              }}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              <span aria-hidden="true" className="twisty">
                {row.expandable ? (row.expanded ? '▾' : '▸') : ' '}
              </span>
              {row.change && (
                <span className={`change change-${row.change}`}>{CHANGE_MARK[row.change]}</span>
              )}
              <span className="file-name">{row.name}</span>
              {row.entry?.linkTarget !== undefined && (
                <span className="muted"> → {row.entry.linkTarget}</span>
              )}
              {row.entry && (
                <span className="file-meta muted">
                  {row.entry.mode} {row.entry.type === 'file' ? sizeText(row.entry.size) : ''}{' '}
                  {row.entry.mtime?.slice(0, 19).replace('T', ' ') ?? ''}
                </span>
              )}
              {row.size !== undefined && (
                <span className="file-meta muted">{sizeText(row.size)}</span>
              )}
              {note && <span className="muted"> — {note}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}
