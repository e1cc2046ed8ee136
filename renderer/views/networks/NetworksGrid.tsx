// The engine's networks, virtualised as the Images grid is: the DOM holds the
// rows in view, aria-rowcount and aria-rowindex tell the whole size, and the
// keys are the ARIA grid pattern's (components/use-virtual-grid.ts).
import type { NetworkSummary } from '../../../electron/contract/networks-channels.ts';
import { useVirtualGrid } from '../../components/use-virtual-grid.ts';
import { dataRowOf } from '../../components/virtual-grid-rows.ts';
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
  const count = networks.length;
  const { current, items, onFocus, onKeyDown, rowStyle, scroller, totalSize } = useVirtualGrid({
    count,
    rowHeight: ROW_HEIGHT,
  });

  return (
    <div
      role="grid"
      aria-label="Networks"
      aria-rowcount={count + 1}
      aria-colcount={COLUMNS.length}
      className="vgrid networks-grid"
      onKeyDown={onKeyDown}
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
        <div style={{ height: totalSize, position: 'relative' }}>
          {items.map((v) => {
            const network = networks[v.index]!;
            return (
              <NetworkRow
                key={network.id}
                network={network}
                rowIndex={dataRowOf(v.index)}
                focused={v.index === current}
                {...actions}
                style={rowStyle(v.start)}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
