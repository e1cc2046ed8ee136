// The log view's row selection: click, Shift+click, Shift+Arrow keys, Escape,
// and copying the selected lines (Ctrl/Cmd+C, or the "Copy lines" button),
// every one of them, also those scrolled out of the DOM. A text selection made
// with the mouse inside the rows on screen still copies as the browser does.
import { useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { describeFailure } from '../../../electron/contract/errors.ts';
import type { LogRing } from './log-ring.ts';
import type { LogRow } from './log-controller.ts';
import { copyText, hasTextSelection } from './copy-text.ts';
import {
  clickRow,
  extendBy,
  linesText,
  selectedIndices,
  type RowSelection,
} from './log-selection.ts';

interface Options {
  ring: LogRing<LogRow>;
  grid: RefObject<HTMLElement | null>;
  timestamps: boolean;
  /** Changes when the view starts over (its rows are numbered anew). */
  resetKey: unknown;
  /** The row a keyboard selection starts at (the one in view). */
  startIndex(): number;
  /** Brings a row into view, the selection's focus moved there by the keyboard. */
  reveal(index: number): void;
}

function seqOf(e: MouseEvent): number | null {
  const row = (e.target as Element).closest<HTMLElement>('[data-seq]');
  return row ? Number(row.dataset.seq) : null;
}

export function useLogSelection(o: Options) {
  // Kept with the view it belongs to: a view that starts over starts unselected.
  const [held, setHeld] = useState<{ key: unknown; selection: RowSelection | null }>({
    key: o.resetKey,
    selection: null,
  });
  const selection = held.key === o.resetKey ? held.selection : null;
  const [copied, setCopied] = useState<string | null>(null);
  const range = selectedIndices(selection, o.ring);

  const select = (next: RowSelection | null) => {
    setHeld({ key: o.resetKey, selection: next });
    setCopied(null);
  };

  const copy = async () => {
    if (!range) return;
    const rows = Array.from({ length: range[1] - range[0] + 1 }, (_, i) =>
      o.ring.at(range[0] + i)!,
    );
    try {
      await copyText(linesText(rows, o.timestamps));
      setCopied(
        `Copied ${rows.length.toLocaleString('en')} ${rows.length === 1 ? 'line' : 'lines'}`,
      );
    } catch (err) {
      setCopied(`Couldn't copy: ${describeFailure(err)}`);
    }
  };

  // Shift would otherwise extend a text selection from the last click.
  const onMouseDown = (e: MouseEvent) => {
    if (!e.shiftKey || seqOf(e) === null) return;
    e.preventDefault();
    o.grid.current?.focus();
  };

  const onClick = (e: MouseEvent) => {
    const seq = seqOf(e);
    // A drag that selected text is the browser's selection, not a row click.
    if (seq === null || (!e.shiftKey && hasTextSelection(o.grid.current))) return;
    select(clickRow(selection, seq, e.shiftKey));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const step = { ArrowDown: 1, ArrowUp: -1, PageDown: 20, PageUp: -20 }[e.key];
    if (e.shiftKey && step !== undefined) {
      e.preventDefault();
      const start = o.ring.at(o.startIndex())?.seq ?? 0;
      const next = extendBy(selection, step, o.ring, start);
      select(next);
      const at = next ? o.ring.indexOfSeq(next.focus) : -1;
      if (at >= 0) o.reveal(at);
    } else if (e.key === 'Escape' && selection) {
      select(null);
    } else if (
      (e.ctrlKey || e.metaKey) &&
      e.key.toLowerCase() === 'c' &&
      range &&
      !hasTextSelection(o.grid.current)
    ) {
      e.preventDefault();
      void copy();
    }
  };

  return { selection, range, copied, copy, onMouseDown, onClick, onKeyDown };
}
