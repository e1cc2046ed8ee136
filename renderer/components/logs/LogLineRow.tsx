import type { CSSProperties } from 'react';
import type { LogRow } from './log-controller.ts';
import { matchRanges } from './log-search.ts';
import { parseSgr, type Span } from './sgr.ts';

interface Piece extends Span {
  mark?: true;
}

/** Cuts styled spans where the search's matches begin and end, marking the matched pieces. */
export function highlight(spans: Span[], ranges: [number, number][]): Piece[] {
  if (ranges.length === 0) return spans;
  const out: Piece[] = [];
  let at = 0;
  for (const span of spans) {
    const end = at + span.text.length;
    const cuts = new Set([at, end]);
    for (const [a, b] of ranges) for (const c of [a, b]) if (c > at && c < end) cuts.add(c);
    const points = [...cuts].sort((x, y) => x - y);
    for (let i = 0; i + 1 < points.length; i++) {
      const [from, to] = [points[i]!, points[i + 1]!];
      const piece: Piece = { ...span, text: span.text.slice(from - at, to - at) };
      if (ranges.some(([a, b]) => from >= a && to <= b)) piece.mark = true;
      out.push(piece);
    }
    at = end;
  }
  return out;
}

function styleOf(p: Span): CSSProperties | undefined {
  if (!p.fg && !p.bg && !p.bold && !p.dim && !p.italic && !p.underline && !p.inverse) return;
  const [fg, bg] = p.inverse ? [p.bg ?? 'var(--panel)', p.fg ?? 'var(--text)'] : [p.fg, p.bg];
  return {
    ...(fg ? { color: fg } : {}),
    ...(bg ? { backgroundColor: bg } : {}),
    ...(p.bold ? { fontWeight: 'bold' } : {}),
    ...(p.dim ? { opacity: 0.7 } : {}),
    ...(p.italic ? { fontStyle: 'italic' } : {}),
    ...(p.underline ? { textDecoration: 'underline' } : {}),
  };
}

/** One log line as a grid row: its text as text (styled spans), never as markup. */
export function LogLineRow(props: {
  row: LogRow & { seq: number };
  index: number;
  top: number;
  height: number;
  timestamps: boolean;
  query: string;
  current: boolean;
  selected: boolean;
}) {
  const { row } = props;
  const spans = parseSgr(row.text);
  const pieces: Piece[] = props.query
    ? highlight(spans, matchRanges(spans.map((s) => s.text).join(''), props.query))
    : spans;
  const classes = [
    'log-row',
    `log-${row.stream}`,
    props.current ? 'log-current' : '',
    props.selected ? 'log-selected' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div
      role="row"
      aria-rowindex={props.index + 1}
      aria-current={props.current || undefined}
      aria-selected={props.selected}
      data-seq={row.seq}
      className={classes}
      style={{ height: props.height, transform: `translateY(${props.top}px)` }}
    >
      {props.timestamps && (
        <span role="gridcell" className="log-ts">
          {row.ts}
        </span>
      )}
      {row.source && (
        <span role="gridcell" className="log-source">
          {row.source}
        </span>
      )}
      <span
        role="gridcell"
        className="log-text"
        title={row.stream === 'stderr' ? 'stderr' : undefined}
      >
        {pieces.map((p, i) =>
          p.mark ? (
            <mark key={i} style={styleOf(p)}>
              {p.text}
            </mark>
          ) : (
            <span key={i} style={styleOf(p)}>
              {p.text}
            </span>
          ),
        )}
        {row.part && (
          <span className="log-more" aria-hidden="true">
            ↩
          </span>
        )}
      </span>
    </div>
  );
}
