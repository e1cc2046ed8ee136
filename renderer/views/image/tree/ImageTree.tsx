// The `tree` of local images by the layers they share. One tab stop: arrows
// move, Right opens, Left closes or goes up, Home and End; Enter opens the
// image's page. Each item says what its image adds and shares, in words.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { treeKeyMove } from '../../../components/tree-keys.ts';
import { imageHref } from '../../../use-hash-route.ts';
import { sizeText } from '../../images/image-list.ts';
import { imageName, treeRows, type ImageTreeNode, type ImageTreeRow } from './image-tree.ts';
import './image-tree.css';

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/** What a screen reader hears for a node: its names, then what it adds and shares. */
export function nodeLabel(node: ImageTreeNode): string {
  const size = (bytes: number | undefined) =>
    bytes === undefined ? 'size unknown' : sizeText(bytes);
  const layers = `${node.addedLayers} ${node.addedLayers === 1 ? 'layer' : 'layers'}`;
  if (!node.image) return `Shared base layers, ${node.layerCount} layers, ${size(node.size)}`;
  const names = [...node.image.repoTags, shortId(node.image.id)].join(' ');
  const shared = node.image.sharedSize;
  const parts = [
    names,
    `adds ${layers}, ${size(node.addedSize)}`,
    `total ${sizeText(node.image.size)}`,
  ];
  if (shared != null)
    parts.push(`shared ${sizeText(shared)}`, `unique ${sizeText(node.image.size - shared)}`);
  return parts.join(', ');
}

function openImagePage(id: string): void {
  location.hash = imageHref(id);
}

export function ImageTree(props: {
  roots: readonly ImageTreeNode[];
  /** Keys of the open nodes. */
  expanded: ReadonlySet<string>;
  onToggle(key: string): void;
  /** The node the tab stop is on at first (the image whose page this is). */
  initialKey?: string;
}) {
  const rows = treeRows(props.roots, props.expanded);
  const [focused, setFocused] = useState(props.initialKey ?? rows[0]?.node.key);
  const list = useRef<HTMLUListElement>(null);
  const moveFocus = useRef(false);
  const index = Math.max(
    0,
    rows.findIndex((r) => r.node.key === focused),
  );
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    list.current?.querySelector<HTMLElement>(`[data-index="${index}"]`)?.focus();
  });
  const focusRow = (i: number) => {
    const row = rows[i];
    if (!row) return;
    setFocused(row.node.key);
    moveFocus.current = true;
  };
  const onKeyDown = (e: KeyboardEvent, row: ImageTreeRow, i: number) => {
    // Enter on an image opens its page; the rest is the tree pattern's.
    if (e.key === 'Enter' && row.node.image) {
      e.preventDefault();
      openImagePage(row.node.image.id);
      return;
    }
    const move = treeKeyMove(rows, i, e.key);
    if (!move) return;
    e.preventDefault();
    if ('toggle' in move) props.onToggle(rows[move.toggle]!.node.key);
    else focusRow(move.focus);
  };
  return (
    <ul ref={list} role="tree" aria-label="Image tree" className="image-tree">
      {rows.map((row, i) => {
        const { node } = row;
        const selected = node.key === props.initialKey;
        return (
          <li
            key={node.key}
            data-index={i}
            role="treeitem"
            aria-label={nodeLabel(node)}
            aria-level={row.level}
            aria-setsize={row.setSize}
            aria-posinset={row.posInSet}
            aria-selected={selected}
            {...(node.children.length ? { 'aria-expanded': row.expanded } : {})}
            tabIndex={i === index ? 0 : -1}
            className={selected ? 'selected' : undefined}
            style={{ paddingLeft: `${(row.level - 1) * 20 + 4}px` }}
            onClick={() => {
              setFocused(node.key);
              if (node.children.length) props.onToggle(node.key);
            }}
            onKeyDown={(e) => onKeyDown(e, row, i)}
          >
            <span aria-hidden="true" className="twisty">
              {node.children.length ? (row.expanded ? '▾' : '▸') : ' '}
            </span>
            {node.image ? (
              <a href={imageHref(node.image.id)} tabIndex={-1} className="tree-name">
                {imageName(node.image)}
              </a>
            ) : (
              <span className="tree-name muted">Shared base layers</span>
            )}
            <span className="tree-meta muted" aria-hidden="true">
              {node.image && <code>{shortId(node.image.id)}</code>} +{node.addedLayers}{' '}
              {node.addedLayers === 1 ? 'layer' : 'layers'}
              {node.addedSize !== undefined && `, ${sizeText(node.addedSize)}`}
              {node.image?.sharedSize != null &&
                ` · shared ${sizeText(node.image.sharedSize)} · unique ${sizeText(node.image.size - node.image.sharedSize)}`}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
