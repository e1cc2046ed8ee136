// The row arithmetic of the virtualised ARIA grids (use-virtual-grid.ts): rows
// carry `data-row` = aria-rowindex, the header is row 1 (index -1), the data
// rows start at 2 (index 0). Pure, so it is tested without a DOM.

/** The header row's index, reachable by the keys only in grids with a focusable header. */
export const HEADER_INDEX = -1;

/** aria-rowindex and data-row of the row at `index`. */
export function dataRowOf(index: number): number {
  return index + 2;
}

/** The index of the row whose `data-row` is given, or null when there is no such row. */
export function indexOfDataRow(dataRow: string | undefined): number | null {
  const index = Number(dataRow) - 2;
  return Number.isInteger(index) && index >= HEADER_INDEX ? index : null;
}

/** A move's target kept inside the grid: the header when it is focusable, else the first row. */
export function clampRow(index: number, count: number, headerRow: boolean): number {
  return Math.min(count - 1, Math.max(headerRow ? HEADER_INDEX : 0, index));
}

/** The current row once rows went away under it: the last row, or 0 in an empty grid. */
export function currentRow(focused: number, count: number): number {
  return Math.min(focused, Math.max(0, count - 1));
}

/** The header keeps the one tab stop when it is current or there is no row to hold it. */
export function headerTabIndex(current: number, count: number): 0 | -1 {
  return current === HEADER_INDEX || count === 0 ? 0 : -1;
}

/** Where a virtual row sits: absolutely, `start` pixels down the body. */
export function virtualRowStyle(start: number, height: number) {
  return {
    position: 'absolute',
    top: 0,
    left: 0,
    right: 0,
    height,
    transform: `translateY(${start}px)`,
  } as const;
}
