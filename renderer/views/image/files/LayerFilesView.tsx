import { useDeferredValue, useMemo, useState } from 'react';
import type { LayerEntry } from '../../../../electron/contract/image-layers-channels.ts';
import { LayerFileTree } from './LayerFileTree.tsx';
import { allFolders, buildLayerTree, keptByFilter, visibleRows } from './layer-tree.ts';

/**
 * One listing as a tree with its filter and collapse state. The filter and
 * the folders closed are kept by path, so they survive switching layer or
 * view (the parent keeps this mounted).
 */
export function LayerFilesView(props: {
  entries: LayerEntry[];
  view: 'changes' | 'filesystem';
  filter: string;
  collapsed: ReadonlySet<string>;
  onCollapsed(next: ReadonlySet<string>): void;
}) {
  const { entries, collapsed, onCollapsed } = props;
  const [selected, setSelected] = useState<string | null>(null);
  const filter = useDeferredValue(props.filter);
  const tree = useMemo(() => buildLayerTree(entries), [entries]);
  const keep = useMemo(() => keptByFilter(tree, filter), [tree, filter]);
  const rows = useMemo(() => visibleRows(tree, collapsed, keep), [tree, collapsed, keep]);

  const toggle = (path: string) => {
    const next = new Set(collapsed);
    if (next.has(path)) next.delete(path);
    else next.add(path);
    onCollapsed(next);
  };
  if (entries.length === 0) {
    return (
      <p className="empty">
        {props.view === 'changes'
          ? 'This layer changes no files (a step that ran but wrote nothing still makes a layer).'
          : 'The image has no files as of this layer.'}
      </p>
    );
  }
  return (
    <>
      <div className="toolbar">
        <button type="button" onClick={() => onCollapsed(new Set())}>
          Expand all
        </button>
        <button type="button" onClick={() => onCollapsed(allFolders(tree))}>
          Collapse all
        </button>
        <span className="muted" role="status" aria-label="Paths shown">
          {keep ? `${rows.length} rows match` : `${entries.length} paths`}
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="empty">No path matches “{filter}”.</p>
      ) : (
        <LayerFileTree
          tree={tree}
          rows={rows}
          selected={selected}
          onSelect={setSelected}
          onToggle={toggle}
        />
      )}
    </>
  );
}
