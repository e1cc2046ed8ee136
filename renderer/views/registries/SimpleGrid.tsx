// A small, not virtualised ARIA grid (tens to a few hundred rows): one tab
// stop on the current row, the arrow keys of grid-keys.ts between rows and into
// a row's buttons, rows numbered as the virtualised grids' are
// (virtual-grid-rows.ts). Rows are named for screen readers and tests.
import { useRef, useState, type ReactNode } from 'react';
import { onGridKeyDown } from '../../components/grid-keys.ts';
import { clampRow, dataRowOf } from '../../components/virtual-grid-rows.ts';

export interface SimpleGridRow {
  key: string;
  /** The row's accessible name. */
  name: string;
  cells: ReactNode[];
  selected?: boolean;
}

const ROW_HEIGHT = 38;

export function SimpleGrid(props: { label: string; columns: string[]; rows: SimpleGridRow[] }) {
  const [current, setCurrent] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);
  const at = Math.min(current, Math.max(0, props.rows.length - 1));
  const moveTo = (index: number) => {
    const next = clampRow(index, props.rows.length, false);
    setCurrent(next);
    body.current?.querySelector<HTMLElement>(`[data-row="${dataRowOf(next)}"]`)?.focus();
  };
  return (
    <table
      role="grid"
      aria-label={props.label}
      aria-rowcount={props.rows.length + 1}
      className="grid simple-grid"
      onKeyDown={(e) =>
        onGridKeyDown(e, {
          count: props.rows.length,
          rowHeight: ROW_HEIGHT,
          viewportHeight: body.current?.clientHeight ?? ROW_HEIGHT * 10,
          moveTo,
        })
      }
    >
      <thead>
        <tr aria-rowindex={1} data-row={1}>
          {props.columns.map((c) => (
            <th key={c} role="columnheader">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody ref={body}>
        {props.rows.map((row, i) => (
          <tr
            key={row.key}
            aria-label={row.name}
            aria-rowindex={dataRowOf(i)}
            data-row={dataRowOf(i)}
            tabIndex={i === at ? 0 : -1}
            onFocus={() => setCurrent(i)}
            {...(row.selected !== undefined ? { 'aria-selected': row.selected } : {})}
          >
            {row.cells.map((cell, c) => (
              <td key={props.columns[c] ?? c} role="gridcell">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
