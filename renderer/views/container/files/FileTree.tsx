import { treeRowStyle, useVirtualTree } from '../../../components/use-virtual-tree.ts';
import { dropFolderOf } from './dropped-files.ts';
import type { TreeRow } from './files-tree.ts';
import { DROP_FOLDER_ATTR } from './use-file-drop.ts';

const CHANGE_MARK = { added: 'A', changed: 'C', deleted: 'D' } as const;

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
  /** The tree's accessible name: "Container files", "Volume files". */
  label: string;
  /** The folder files dragged over the tree would go into (highlighted). */
  dropInto?: string | null;
}) {
  const { rows, selected, onSelect, onToggle, notes } = props;
  const { scroller, items, totalHeight, tabStop, onKeyDown } = useVirtualTree({
    rows,
    selected: rows.findIndex((r) => r.path === selected),
    onSelect: (row) => onSelect(row.path),
    onToggle,
    overscan: 10,
  });
  return (
    <div ref={scroller} className="file-tree">
      <ul role="tree" aria-label={props.label} style={{ height: `${totalHeight}px` }}>
        {items.map(({ index: i, start }) => {
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
              tabIndex={i === tabStop ? 0 : -1}
              className={classes.length ? classes.join(' ') : undefined}
              {...{ [DROP_FOLDER_ATTR]: dropFolderOf(row) }}
              style={treeRowStyle(row.level, start)}
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
