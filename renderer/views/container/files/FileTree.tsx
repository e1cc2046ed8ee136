import { useRef, type KeyboardEvent } from 'react';
import type { TreeRow } from './files-tree.ts';

const CHANGE_MARK = { added: 'A', changed: 'C', deleted: 'D' } as const;

/**
 * A `tree` of flat rows (aria-level / aria-setsize / aria-posinset say the
 * nesting), one tab stop: arrows move, Right opens, Left closes or goes up.
 */
export function FileTree(props: {
  rows: TreeRow[];
  selected: string;
  onSelect(path: string): void;
  onToggle(row: TreeRow): void;
  /** Why a folder shows no children: "Reading…", an error. */
  notes: ReadonlyMap<string, string>;
}) {
  const { rows, selected, onSelect, onToggle, notes } = props;
  const list = useRef<HTMLUListElement>(null);
  const index = Math.max(
    0,
    rows.findIndex((r) => r.path === selected),
  );
  const focusRow = (i: number) => {
    const row = rows[i];
    if (!row) return;
    onSelect(row.path);
    list.current?.querySelectorAll<HTMLElement>('[role="treeitem"]')[i]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent, row: TreeRow, i: number) => {
    const moves: Record<string, () => void> = {
      ArrowDown: () => focusRow(i + 1),
      ArrowUp: () => focusRow(i - 1),
      Home: () => focusRow(0),
      End: () => focusRow(rows.length - 1),
      ArrowRight: () => (row.expandable && !row.expanded ? onToggle(row) : focusRow(i + 1)),
      ArrowLeft: () =>
        row.expanded
          ? onToggle(row)
          : focusRow(rows.findLastIndex((r, j) => j < i && r.level < row.level)),
      Enter: () => row.expandable && onToggle(row),
    };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      move();
    }
  };
  return (
    <ul ref={list} role="tree" aria-label="Container files" className="file-tree">
      {rows.map((row, i) => {
        const note = row.expanded ? notes.get(row.path) : undefined;
        const label = row.change ? `${row.name}, ${row.change}` : row.name;
        return (
          <li
            key={row.path}
            role="treeitem"
            aria-label={label}
            aria-level={row.level}
            aria-setsize={row.setSize}
            aria-posinset={row.posInSet}
            aria-selected={row.path === selected}
            {...(row.expandable ? { 'aria-expanded': row.expanded } : {})}
            tabIndex={i === index ? 0 : -1}
            className={row.path === selected ? 'selected' : undefined}
            style={{ paddingLeft: `${(row.level - 1) * 16 + 4}px` }}
            onClick={() => {
              onSelect(row.path);
              if (row.expandable) onToggle(row);
            }}
            onKeyDown={(e) => onKeyDown(e, row, i)}
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
            {note && <span className="muted"> — {note}</span>}
          </li>
        );
      })}
    </ul>
  );
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}
