// The ARIA tree pattern's keys for a flat list of rows laid out depth first
// (the container's Files, an image layer's Files, the Image tree): what a key
// does, so each tree only focuses, scrolls and toggles.

/** What the keys need of a row. */
export interface TreeKeyRow {
  level: number;
  expandable: boolean;
  expanded: boolean;
}

export type TreeMove = { focus: number } | { toggle: number } | null;

/**
 * The ARIA tree pattern's keys: Up and Down move, Home and End go to the
 * ends, Right opens a folder (or enters an open one), Left closes an open
 * folder or goes to the parent, Enter opens or closes.
 */
export function treeKeyMove(rows: readonly TreeKeyRow[], at: number, key: string): TreeMove {
  const row = rows[at];
  if (!row) return rows.length ? { focus: 0 } : null;
  const last = rows.length - 1;
  switch (key) {
    case 'ArrowDown':
      return { focus: Math.min(at + 1, last) };
    case 'ArrowUp':
      return { focus: Math.max(at - 1, 0) };
    case 'Home':
      return { focus: 0 };
    case 'End':
      return { focus: last };
    case 'ArrowRight':
      if (!row.expandable) return null;
      return row.expanded ? { focus: at + 1 } : { toggle: at };
    case 'ArrowLeft': {
      if (row.expanded) return { toggle: at };
      for (let j = at - 1; j >= 0; j--) if (rows[j]!.level < row.level) return { focus: j };
      return null;
    }
    case 'Enter':
      return row.expandable ? { toggle: at } : null;
    default:
      return null;
  }
}
