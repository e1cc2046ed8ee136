// A virtualised ARIA grid's moving parts, shared by the list grids (Containers,
// Images, Volumes, Networks, Events, an image's Layers): the DOM holds only the
// rows in view (plus a few) while aria-rowcount and aria-rowindex tell a screen
// reader the whole size; one tab stop (the current row); the keys of
// grid-keys.ts; focus that follows the virtualiser's render.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { onGridKeyDown } from './grid-keys.ts';
import {
  clampRow,
  currentRow,
  dataRowOf,
  headerTabIndex,
  indexOfDataRow,
  virtualRowStyle,
} from './virtual-grid-rows.ts';

export interface VirtualGridOptions {
  /** Rows below the header. */
  count: number;
  rowHeight: number;
  /** Rows drawn beyond the view on each side; 8 unless given. */
  overscan?: number;
  /**
   * The header row takes part in the keys (index -1: Up from the first row
   * reaches it) and holds the tab stop in an empty grid. Mount `header` on it.
   */
  headerRow?: boolean;
  /**
   * A focused row or control that went away (its item removed) hands focus to
   * the current row rather than dropping it on the page.
   */
  keepFocus?: boolean;
  /** The parent owns the current row (it shows the row's details): its index and setter. */
  controlled?: { current: number; onCurrent(index: number): void };
}

export function useVirtualGrid(opts: VirtualGridOptions) {
  const { count, rowHeight, headerRow = false, keepFocus = false } = opts;
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(0);
  /**
   * The row a keyboard move is to focus once the virtualiser renders it. Its
   * index, not a flag: a render that comes before the move's own (a re-render
   * of the old state) must not focus the row the move left.
   */
  const focusAfterRender = useRef<number | null>(null);
  /** The element inside the grid that last had focus, to catch it being removed under it. */
  const lastFocused = useRef<HTMLElement | null>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: opts.overscan ?? 8,
  });
  const current = opts.controlled ? opts.controlled.current : currentRow(focused, count);
  const setCurrent = opts.controlled ? opts.controlled.onCurrent : setFocused;

  // The row to focus may render only after the virtualiser has scrolled: keep
  // trying on each render until it is there.
  useEffect(() => {
    const lost =
      keepFocus &&
      lastFocused.current !== null &&
      !lastFocused.current.isConnected &&
      document.activeElement === document.body;
    if (lost) lastFocused.current = null;
    const target = focusAfterRender.current ?? (lost ? current : null);
    if (target === null) return;
    const row =
      target < 0
        ? header.current
        : scroller.current?.querySelector<HTMLElement>(`[data-row="${dataRowOf(target)}"]`);
    // Only a move by keyboard waits for its row; a lost focus is caught now or not at all
    // (a row scrolled away must not pull focus back later from wherever the user went).
    if (!row) return;
    focusAfterRender.current = null;
    row.focus();
  });

  /** Makes `index` current, scrolls to it and focuses it once rendered. */
  const moveTo = (index: number) => {
    const next = clampRow(index, count, headerRow);
    setCurrent(next);
    if (next >= 0) virtualizer.scrollToIndex(next);
    focusAfterRender.current = next;
  };

  /** A row focused by click or Tab becomes the keyboard's current row. */
  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    lastFocused.current = target;
    const index = indexOfDataRow(target.closest<HTMLElement>('[data-row]')?.dataset.row);
    if (index !== null && (headerRow || index >= 0)) setCurrent(index);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) =>
    onGridKeyDown(event, {
      count,
      rowHeight,
      viewportHeight: scroller.current?.clientHeight ?? rowHeight,
      moveTo,
    });

  return {
    /** The rows' scrolling body (the rowgroup). */
    scroller,
    /** The header row, when `headerRow`. */
    header,
    virtualizer,
    /** The rows to draw now. */
    items: virtualizer.getVirtualItems(),
    totalSize: virtualizer.getTotalSize(),
    current,
    headerTabIndex: headerTabIndex(current, count),
    moveTo,
    onFocus,
    onKeyDown,
    /** The style of the row drawn `start` pixels down the body. */
    rowStyle: (start: number) => virtualRowStyle(start, rowHeight),
  };
}
