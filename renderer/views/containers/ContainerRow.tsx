import type { CSSProperties } from 'react';
import type { ContainerSummary, PortBinding } from '../../../electron/contract/container-types.ts';
import { containerHref } from '../../use-hash-route.ts';
import { useNow } from '../../use-now.ts';
import { ContainerRowActions } from './ContainerRowActions.tsx';
import { StatsCells } from './StatsCells.tsx';
import { ageStatus, humanDuration } from './status-age.ts';

/** The engine's "(healthy)" / "(health: starting)" part: the badge says it instead. */
const HEALTH_SUFFIX = / \((?:healthy|unhealthy|health: starting)\)/;

export interface RowProps {
  rowIndex: number;
  focused: boolean;
  style: CSSProperties;
  nested: boolean;
}

export function ContainerRow(
  props: RowProps & {
    container: ContainerSummary;
    onRemove(): void;
    selected: boolean;
    onSelect(on: boolean): void;
  },
) {
  const { container: c } = props;
  const now = Math.max(useNow(), c.statusAt);
  const status = ageStatus(c.status, c.statusAt, now).replace(HEALTH_SUFFIX, '');
  return (
    <div
      role="row"
      aria-rowindex={props.rowIndex}
      aria-label={`${c.name} ${status}${c.health ? `, ${c.health}` : ''}`}
      tabIndex={props.focused ? 0 : -1}
      data-row={props.rowIndex}
      className={`grid-row state-${c.state}${props.nested ? ' nested' : ''}`}
      style={props.style}
    >
      <div role="gridcell" className="cell select">
        <input
          type="checkbox"
          aria-label={`Select ${c.name}`}
          checked={props.selected}
          onChange={(e) => props.onSelect(e.target.checked)}
        />
      </div>
      <div role="gridcell" className="cell name" title={c.name}>
        <a href={containerHref(c.id)} aria-label={`Open ${c.name}`} tabIndex={-1}>
          {c.name}
        </a>
      </div>
      <div role="gridcell" className="cell" title={c.image}>
        {c.image}
      </div>
      <div role="gridcell" className="cell" title={status}>
        <span className={`badge badge-${c.state}`}>{c.state}</span>{' '}
        {c.health && (
          <>
            <span className={`badge health-${c.health}`} title={`Health check: ${c.health}`}>
              {c.health}
            </span>{' '}
          </>
        )}
        <span className="muted">{status}</span>
      </div>
      <StatsCells container={c} />
      <div role="gridcell" className="cell">
        {c.ports
          .filter((p) => p.publicPort)
          .map((p) => (
            <PortLink key={`${p.hostIp}:${p.publicPort}/${p.protocol}`} port={p} />
          ))}
      </div>
      <div
        role="gridcell"
        className="cell muted"
        title={new Date(c.created * 1000).toLocaleString()}
      >
        {humanDuration((now - c.created * 1000) / 1000)} ago
      </div>
      <div role="gridcell" className="cell">
        <ContainerRowActions container={c} onRemove={props.onRemove} compact />
      </div>
    </div>
  );
}

function PortLink({ port }: { port: PortBinding }) {
  const label = `${port.publicPort}:${port.privatePort}/${port.protocol}`;
  if (port.protocol !== 'tcp') return <span className="port">{label}</span>;
  const host =
    !port.hostIp || port.hostIp === '0.0.0.0' || port.hostIp === '::' ? 'localhost' : port.hostIp;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return (
    <a
      className="port"
      href={`http://${shownHost}:${port.publicPort}/`}
      target="_blank"
      rel="noopener noreferrer"
    >
      {label}
    </a>
  );
}
