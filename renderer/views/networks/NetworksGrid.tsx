// The engine's networks, virtualised as the Images grid is: the DOM holds the
// rows in view, aria-rowcount and aria-rowindex tell the whole size, and the
// keys are the ARIA grid pattern's (components/grid-keys.ts).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type FocusEvent } from 'react';
import type { NetworkSummary } from '../../../electron/contract/networks-channels.ts';
import { onGridKeyDown } from '../../components/grid-keys.ts';
import { Term } from '../../glossary/Term.tsx';
import { NetworkRow, type NetworkRowActions } from './NetworkRow.tsx';
import './networks.css';

const ROW_HEIGHT = 52;
const COLUMNS = [
  'Name',
  'Driver',
  'Scope',
  'Subnet / gateway',
  'Internal',
  'Attachable',
  'Containers',
  'Created',
  'Actions',
];

export function NetworksGrid(props: { networks: NetworkSummary[] } & NetworkRowActions) {
  const { networks, ...actions } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [focused, setFocused] = useState(0);
  const focusAfterRender = useRef(false);
  const count = networks.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const current = Math.min(focused, Math.max(0, count - 1));

  // A row to focus may render only after the virtualiser scrolled: try on each render.
  useEffect(() => {
    if (!focusAfterRender.current) return;
    const row = scroller.current?.querySelector<HTMLElement>(`[data-row="${current + 2}"]`);
    if (!row) return;
    focusAfterRender.current = false;
    row.focus();
  });

  const moveTo = (index: number) => {
    const next = Math.min(count - 1, Math.max(0, index));
    setFocused(next);
    virtualizer.scrollToIndex(next);
    focusAfterRender.current = true;
  };
  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    const index =
      Number((event.target as HTMLElement).closest<HTMLElement>('[data-row]')?.dataset.row) - 2;
    if (Number.isInteger(index) && index >= 0) setFocused(index);
  };

  return (
    <div
      role="grid"
      aria-label="Networks"
      aria-rowcount={count + 1}
      aria-colcount={COLUMNS.length}
      className="vgrid networks-grid"
      onKeyDown={(event) =>
        onGridKeyDown(event, {
          count,
          rowHeight: ROW_HEIGHT,
          viewportHeight: scroller.current?.clientHeight ?? ROW_HEIGHT,
          moveTo,
        })
      }
      onFocus={onFocus}
    >
      <div role="row" aria-rowindex={1} data-row={1} className="grid-row grid-header">
        {COLUMNS.map((label) => (
          <div
            key={label}
            role="columnheader"
            className={`cell ${label.split(' ')[0]!.toLowerCase()}`}
          >
            {label === 'Containers' ? <Term term="container">{label}</Term> : label}
          </div>
        ))}
      </div>
      <div ref={scroller} className="vgrid-body" role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const network = networks[v.index]!;
            return (
              <NetworkRow
                key={network.id}
                network={network}
                rowIndex={v.index + 2}
                focused={v.index === current}
                {...actions}
                style={{
                  position: 'absolute',
                  top: 0,
                  left: 0,
                  right: 0,
                  height: ROW_HEIGHT,
                  transform: `translateY(${v.start}px)`,
                }}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
