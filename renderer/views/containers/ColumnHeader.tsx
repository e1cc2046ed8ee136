import { Term } from '../../glossary/Term.tsx';
import type { TermKey } from '../../glossary/terms.ts';
import { useTerm } from '../../glossary/use-term.tsx';
import type { SortKey, SortOrder } from './list-model.ts';

/** A column of a sortable grid; `K` names what it sorts by (the containers' keys unless said). */
export interface Column<K extends string = SortKey> {
  label: string;
  /** Places the column (containers-grid.css lays CPU and Memory out one above the other). */
  className: string;
  sortKey?: K;
  /** A word a beginner may not know, explained on hover and focus (renderer/glossary). */
  term?: TermKey;
}

/**
 * One header cell. Its word's explanation is tied to what arrow keys reach in
 * the header row (the sort button, or the word itself at tabindex -1), so the
 * grid stays one tab stop; the header's accessible name stays the label.
 */
export function ColumnHeader<K extends string = SortKey>(props: {
  column: Column<K>;
  sort: SortOrder | { key: K; direction: SortOrder['direction'] };
  onSort(key: K): void;
}) {
  const { column, sort } = props;
  const sorted = column.sortKey === sort.key;
  return (
    <div
      role="columnheader"
      aria-sort={sorted ? sort.direction : column.sortKey ? 'none' : undefined}
      className={`cell ${column.className}`}
    >
      {column.sortKey ? (
        <SortButton
          column={column}
          sortKey={column.sortKey}
          arrow={sorted ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
          onSort={props.onSort}
        />
      ) : column.term ? (
        <Term term={column.term} focusable={-1}>
          {column.label}
        </Term>
      ) : (
        column.label
      )}
    </div>
  );
}

function SortButton<K extends string>(props: {
  column: Column<K>;
  sortKey: K;
  arrow: string;
  onSort(key: K): void;
}) {
  // Every button has a binding (hooks are unconditional); only a column with a term uses it.
  const term = useTerm(props.column.term ?? 'container');
  const explained = props.column.term !== undefined;
  return (
    <>
      <button
        type="button"
        className="sort"
        tabIndex={-1}
        onClick={() => props.onSort(props.sortKey)}
        {...(explained && term.focusProps)}
      >
        {explained ? (
          <span className="term" {...term.wordProps}>
            {props.column.label}
          </span>
        ) : (
          props.column.label
        )}
        <span aria-hidden="true">{props.arrow}</span>
      </button>
      {explained && term.tooltip}
    </>
  );
}
