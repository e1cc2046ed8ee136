// Which columns the Containers grid shows (the user hides optional ones on the
// Settings page), as CSS grid tracks. Hidden cells stay in each row but are not
// displayed (so no row component changes), and the cells placed by column
// number (CPU above Memory, then Ports, Created, Actions) move left to match.
import type { OptionalContainerColumn } from '../../../electron/contract/settings-channels.ts';

type Track = 'select' | 'name' | 'image' | 'state' | 'stats' | 'ports' | 'created' | 'actions';

const TRACKS: [Track, string][] = [
  ['select', '34px'],
  ['name', 'minmax(0, 1.2fr)'],
  ['image', 'minmax(0, 1fr)'],
  ['state', 'minmax(0, 1.2fr)'],
  ['stats', '100px'],
  ['ports', 'minmax(0, 1.15fr)'],
  ['created', 'minmax(0, 0.9fr)'],
  ['actions', '212px'],
];

export interface GridColumns {
  /** grid-template-columns of every row. */
  template: string;
  /** The 1-based column of each cell placed by number, for the CSS variables. */
  at: Record<'stats' | 'ports' | 'created' | 'actions', number>;
  /** Classes on the grid that hide the hidden columns' cells (`hide-image`...). */
  className: string;
  /** Columns shown, for aria-colcount. */
  count: number;
}

export function gridColumns(hidden: readonly OptionalContainerColumn[]): GridColumns {
  const shown = TRACKS.filter(([key]) => !(hidden as readonly string[]).includes(key));
  const at = (key: Track) => shown.findIndex(([k]) => k === key) + 1;
  return {
    template: shown.map(([, width]) => width).join(' '),
    at: { stats: at('stats'), ports: at('ports'), created: at('created'), actions: at('actions') },
    className: hidden.map((c) => `hide-${c}`).join(' '),
    count: shown.length,
  };
}
