// The ARIA grid pattern's keys for a virtualised grid (the Containers and
// Images grids): one tab stop (the current row); arrow keys, Page Up/Down,
// Home and End move between rows; Right arrow enters the row's controls and
// moves among them, Left and Escape go back out to the row; Enter on a row
// opens what its name links to. Rows carry `data-row` = aria-rowindex (the
// header is 1), so index -1 is the header row.
import type { KeyboardEvent } from 'react';

/** What arrow keys move among inside a row: its checkbox, links, enabled buttons and explained words. */
const WIDGETS = 'input, a[href], button:not(:disabled), .term[tabindex]';

function widgetsOf(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(WIDGETS)];
}

export interface GridKeys {
  /** Rows below the header. */
  count: number;
  rowHeight: number;
  /** The visible height of the rows, for Page Up and Down. */
  viewportHeight: number;
  /** Makes `index` current, scrolls to it and focuses it once rendered. */
  moveTo(index: number): void;
}

export function onGridKeyDown(event: KeyboardEvent<HTMLElement>, grid: GridKeys): void {
  const target = event.target as HTMLElement;
  const row = target.closest<HTMLElement>('[role="row"]');
  if (!row) return;
  const onRow = target === row;
  if (
    !onRow &&
    (event.key === 'ArrowLeft' || event.key === 'ArrowRight' || event.key === 'Escape')
  ) {
    // Inside a row: Left/Right move among its controls, out to the row at the start.
    const widgets = widgetsOf(row);
    const at = widgets.indexOf(target);
    event.preventDefault();
    if (event.key === 'Escape' || (event.key === 'ArrowLeft' && at <= 0)) row.focus();
    else widgets[Math.min(widgets.length - 1, at + (event.key === 'ArrowRight' ? 1 : -1))]?.focus();
    return;
  }
  if (onRow && event.key === 'ArrowRight') {
    event.preventDefault();
    widgetsOf(row)[0]?.focus();
    return;
  }
  if (onRow && event.key === 'Enter') {
    // Enter on a row opens it, as a click on its name does.
    row.querySelector<HTMLAnchorElement>('.cell.name a')?.click();
    return;
  }
  // Up and down work from a row's controls too; Home, End and the page keys only on a row.
  if (!onRow && event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const page = Math.max(1, Math.floor(grid.viewportHeight / grid.rowHeight) - 1);
  const from = Number(row.dataset.row) - 2;
  const moves: Record<string, number> = {
    ArrowDown: from + 1,
    ArrowUp: from - 1,
    PageDown: from + page,
    PageUp: Math.max(0, from - page),
    Home: 0,
    End: grid.count - 1,
  };
  const next = moves[event.key];
  if (next === undefined || grid.count === 0) return;
  event.preventDefault();
  grid.moveTo(next);
}
