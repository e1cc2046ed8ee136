import { describe, expect, it } from 'vitest';
import type { LogRow } from './log-controller.ts';
import { LogRing } from './log-ring.ts';
import {
  clickRow,
  extendBy,
  isSelected,
  linesText,
  selectedIndices,
  type RowSelection,
} from './log-selection.ts';

const row = (text: string, extra: Partial<LogRow> = {}): LogRow => ({
  stream: 'stdout',
  ts: '2026-01-01T00:00:01.000000000Z',
  text,
  ...extra,
});

function ringOf(n: number, cap = 100): LogRing<LogRow> {
  const ring = new LogRing<LogRow>(cap);
  ring.push(Array.from({ length: n }, (_, i) => row(`line ${i}`)));
  return ring;
}

describe('row selection', () => {
  it('selects one row on a click and extends from the anchor on a shift-click', () => {
    let s: RowSelection | null = clickRow(null, 5, false);
    expect(s).toEqual({ anchor: 5, focus: 5 });
    s = clickRow(s, 2, true);
    expect(s).toEqual({ anchor: 5, focus: 2 });
    expect(selectedIndices(s, ringOf(10))).toEqual([2, 5]);
    expect(clickRow(s, 8, false)).toEqual({ anchor: 8, focus: 8 });
    expect(clickRow(null, 8, true)).toEqual({ anchor: 8, focus: 8 });
  });

  it('extends by Shift+Arrow within the rows there are, starting at the row in view', () => {
    const ring = ringOf(10);
    let s = extendBy(null, 1, ring, 4);
    expect(s).toEqual({ anchor: 4, focus: 4 });
    s = extendBy(s, 1, ring, 0);
    s = extendBy(s, 1, ring, 0);
    expect(s).toEqual({ anchor: 4, focus: 6 });
    expect(extendBy(s, 10, ring, 0)).toEqual({ anchor: 4, focus: 9 });
    expect(extendBy(s, -10, ring, 0)).toEqual({ anchor: 4, focus: 0 });
    expect(extendBy(null, 1, ringOf(0), 0)).toBeNull();
  });

  it('keeps its rows as older ones load above and the oldest leave the ring', () => {
    const ring = ringOf(5, 6);
    const s = clickRow(clickRow(null, 1, false), 3, true);
    ring.unshift([row('older')]);
    expect(selectedIndices(s, ring)).toEqual([2, 4]);
    expect(ring.at(2)!.text).toBe('line 1');
    ring.push([row('a'), row('b'), row('c')]); // three leave at the front
    expect(selectedIndices(s, ring)).toEqual([0, 1]);
    expect(ring.at(0)!.text).toBe('line 2');
    ring.push([row('d'), row('e')]);
    expect(selectedIndices(s, ring)).toBeNull();
  });

  it('says which rows are selected, in either direction', () => {
    const s = { anchor: 7, focus: 3 };
    expect([2, 3, 5, 7, 8].map((seq) => isSelected(s, seq))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(isSelected(null, 0)).toBe(false);
  });
});

describe('linesText', () => {
  it('copies plain text: colours and other escapes out, one line each', () => {
    const rows = [row('\u001b[31mred\u001b[0m text'), row('\u001b]52;c;aGk=\u0007clip'), row('')];
    expect(linesText(rows, false)).toBe('red text\nclip\n\n');
  });

  it('puts the timestamp first only when the view shows it, and the source when merged', () => {
    const rows = [row('one', { source: 'web' }), row('two', { ts: '2026-01-01T00:00:02.5Z' })];
    expect(linesText(rows, true)).toBe(
      '2026-01-01T00:00:01.000000000Z web one\n2026-01-01T00:00:02.5Z two\n',
    );
    expect(linesText(rows, false)).toBe('web one\ntwo\n');
  });

  it('joins the pieces of a line the engine split, with one timestamp', () => {
    const rows = [row('aaa', { part: true }), row('bbb', { part: true }), row('ccc'), row('d')];
    expect(linesText(rows, true)).toBe(
      '2026-01-01T00:00:01.000000000Z aaabbbccc\n2026-01-01T00:00:01.000000000Z d\n',
    );
    expect(linesText([row('cut', { part: true })], false)).toBe('cut\n');
  });
});
