// Which log lines the user selected, and their text for the clipboard. Rows are
// virtualised, so a native text selection ends at the screen's edge; a row
// selection is kept as two sequence numbers instead (the row clicked first,
// the anchor, and the row the selection reaches, the focus), which stay valid
// as lines arrive, older ones load above, or the oldest leave the ring.
import type { LogRow } from './log-controller.ts';
import { plainText } from './sgr.ts';

export interface RowSelection {
  anchor: number;
  focus: number;
}

/** What a selection needs of the ring: rows by index, with contiguous sequence numbers. */
export interface SeqRows {
  readonly length: number;
  at(index: number): { seq: number } | undefined;
}

/** A click selects one row; with Shift, it moves the focus and keeps the anchor. */
export function clickRow(
  selection: RowSelection | null,
  seq: number,
  extend: boolean,
): RowSelection {
  return extend && selection
    ? { anchor: selection.anchor, focus: seq }
    : { anchor: seq, focus: seq };
}

/**
 * Shift+Arrow: the focus moves `delta` rows, kept within the rows there are;
 * with nothing selected, the selection starts at `start` (the row in view).
 */
export function extendBy(
  selection: RowSelection | null,
  delta: number,
  rows: SeqRows,
  start: number,
): RowSelection | null {
  const first = rows.at(0)?.seq;
  const last = rows.at(rows.length - 1)?.seq;
  if (first === undefined || last === undefined) return null;
  if (!selection) return { anchor: start, focus: start };
  const focus = Math.min(last, Math.max(first, selection.focus + delta));
  return { anchor: selection.anchor, focus };
}

/** The selected rows still held, as indices [from, to] (inclusive), or null. */
export function selectedIndices(
  selection: RowSelection | null,
  rows: SeqRows,
): [number, number] | null {
  const first = rows.at(0)?.seq;
  if (!selection || first === undefined) return null;
  const lo = Math.max(Math.min(selection.anchor, selection.focus) - first, 0);
  const hi = Math.min(Math.max(selection.anchor, selection.focus) - first, rows.length - 1);
  return lo <= hi ? [lo, hi] : null;
}

export function isSelected(selection: RowSelection | null, seq: number): boolean {
  if (!selection) return false;
  return (
    seq >= Math.min(selection.anchor, selection.focus) &&
    seq <= Math.max(selection.anchor, selection.focus)
  );
}

/**
 * The lines as the view shows them, as plain text: escapes taken out, the
 * timestamp and source first when shown, one line each. The pieces of a line
 * the engine split (`part`) join up again into one line.
 */
export function linesText(rows: readonly LogRow[], timestamps: boolean): string {
  let out = '';
  let continuing = false;
  for (const row of rows) {
    if (!continuing) {
      if (timestamps) out += `${row.ts} `;
      if (row.source) out += `${row.source} `;
    }
    out += plainText(row.text);
    continuing = row.part === true;
    if (!continuing) out += '\n';
  }
  return continuing ? `${out}\n` : out;
}
