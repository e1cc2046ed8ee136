// A virtualised ARIA tree's moving parts, for the trees whose rows can number
// in the hundreds of thousands (the container's Files, a layer's Files): the
// scroller and virtualiser, one tab stop, and the tree pattern's keys
// (tree-keys.ts), with focus following the virtualiser's render.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { treeKeyMove, type TreeKeyRow } from './tree-keys.ts';

export const TREE_ROW_HEIGHT = 22;

export function useVirtualTree<R extends TreeKeyRow>(opts: {
  rows: readonly R[];
  /** The selected row's index, or -1. */
  selected: number;
  /** A key moved the selection to this row. */
  onSelect(row: R): void;
  onToggle(row: R): void;
  overscan?: number;
}) {
  const { rows, onSelect, onToggle } = opts;
  const scroller = useRef<HTMLDivElement>(null);
  const focusAfterRender = useRef(false);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => TREE_ROW_HEIGHT,
    overscan: opts.overscan ?? 12,
  });
  const at = Math.max(0, opts.selected);
  // The row to focus may render only after the virtualiser has scrolled to it.
  useEffect(() => {
    if (!focusAfterRender.current) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-index="${at}"]`);
    if (!row) return;
    focusAfterRender.current = false;
    row.focus();
  });
  const onKeyDown = (e: KeyboardEvent, i: number) => {
    const move = treeKeyMove(rows, i, e.key);
    if (!move) return;
    e.preventDefault();
    if ('toggle' in move) {
      onToggle(rows[move.toggle]!);
      return;
    }
    onSelect(rows[move.focus]!);
    virtualizer.scrollToIndex(move.focus);
    focusAfterRender.current = true;
  };
  const items = virtualizer.getVirtualItems();
  // One tab stop: the selected row, or the first one drawn when it is scrolled away.
  const tabStop = items.some((v) => v.index === at) ? at : (items[0]?.index ?? 0);
  return {
    scroller,
    items,
    totalHeight: virtualizer.getTotalSize(),
    tabStop,
    onKeyDown,
  };
}

/** The style of a virtualised tree row at `start`, indented by its level. */
export function treeRowStyle(level: number, start: number) {
  return {
    paddingLeft: `${(level - 1) * 16 + 4}px`,
    height: `${TREE_ROW_HEIGHT}px`,
    transform: `translateY(${start}px)`,
  };
}
