import { treeRowStyle, useVirtualTree } from '../../../components/use-virtual-tree.ts';
import { sizeText } from '../../images/image-list.ts';
import { rowName, type LayerTree, type TreeNode, type TreeRow } from './layer-tree.ts';
import { modeText, ownerText, visibleName } from './layer-format.ts';

const CHANGE_MARK = { added: 'A', modified: 'M', removed: 'D', unchanged: '' } as const;

/**
 * A layer's files as a virtualised `tree`: the DOM holds only the rows in
 * view, so 100,000 paths stay light. One tab stop; the keys of the ARIA tree
 * pattern move (components/tree-keys.ts).
 */
export function LayerFileTree(props: {
  tree: LayerTree;
  rows: TreeRow[];
  /** The selected node's path. */
  selected: string | null;
  onSelect(path: string): void;
  onToggle(path: string): void;
}) {
  const { tree, rows, selected, onSelect, onToggle } = props;
  const { scroller, items, totalHeight, tabStop, onKeyDown } = useVirtualTree({
    rows,
    selected: rows.findIndex((r) => tree.nodes[r.node]!.path === selected),
    onSelect: (row) => onSelect(tree.nodes[row.node]!.path),
    onToggle: (row) => onToggle(tree.nodes[row.node]!.path),
  });
  return (
    <div ref={scroller} className="file-tree layer-file-tree">
      <ul role="tree" aria-label="Layer files" style={{ height: `${totalHeight}px` }}>
        {items.map(({ index: i, start }) => {
          const row = rows[i]!;
          const node = tree.nodes[row.node]!;
          const isSelected = node.path === selected;
          const change = node.entry?.change ?? 'unchanged';
          return (
            <li
              key={node.path}
              data-index={i}
              role="treeitem"
              aria-label={rowName(node)}
              aria-level={row.level}
              aria-setsize={row.setSize}
              aria-posinset={row.posInSet}
              aria-selected={isSelected}
              {...(row.expandable ? { 'aria-expanded': row.expanded } : {})}
              tabIndex={i === tabStop ? 0 : -1}
              className={`change-${change}${isSelected ? ' selected' : ''}`}
              style={treeRowStyle(row.level, start)}
              onClick={() => {
                onSelect(node.path);
                if (row.expandable) onToggle(node.path);
              }}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              <span aria-hidden="true" className="twisty">
                {row.expandable ? (row.expanded ? '▾' : '▸') : ' '}
              </span>
              <span className="change-mark" aria-hidden="true">
                {CHANGE_MARK[change]}
              </span>
              <span className="file-name">{visibleName(node.name)}</span>
              <LinkTarget node={node} />
              <Meta node={node} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function LinkTarget({ node }: { node: TreeNode }) {
  const target = node.entry?.linkTarget;
  if (target === undefined) return null;
  const arrow = node.entry?.kind === 'hardlink' ? ' ⇒ ' : ' → ';
  return (
    <span className="muted link-target">
      {arrow}
      {visibleName(target)}
    </span>
  );
}

function Meta({ node }: { node: TreeNode }) {
  const entry = node.entry;
  if (entry?.change === 'removed') return <span className="file-meta muted">removed</span>;
  const folder = node.children.length > 0 || entry?.kind === 'dir';
  return (
    <span className="file-meta muted">
      <span className="file-size">
        {entry?.kind === 'file' || (folder && node.bytes > 0) ? sizeText(node.bytes) : ''}
      </span>
      <span className="file-mode">{entry ? modeText(entry.kind, entry.mode) : ''}</span>
      <span className="file-owner">{entry ? ownerText(entry) : ''}</span>
    </span>
  );
}
