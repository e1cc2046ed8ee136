import { Fragment, type CSSProperties } from 'react';
import type { ContainerSummary, PortBinding } from '../../../electron/contract/container-types.ts';
import { containerHref } from '../../use-hash-route.ts';
import { useNow } from '../../use-now.ts';
import { ContainerRowActions } from './ContainerRowActions.tsx';
import { StatsCells } from './StatsCells.tsx';
import { stateTone, stoppingText } from './state-tone.ts';
import { ageStatus, humanDuration } from './status-age.ts';

/** The engine's "(healthy)" / "(health: starting)" part: the badge says it instead. */
const HEALTH_SUFFIX = / \((?:healthy|unhealthy|health: starting)\)/;

export interface RowProps {
  rowIndex: number;
  focused: boolean;
  style: CSSProperties;
  nested: boolean;
  /** The engine is not answering: the row shows the last known state, its actions off. */
  stale: boolean;
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
  const tone = stateTone(c);
  const stopping = c.stopping && c.state === 'running' ? stoppingText(c.stopping, now) : null;
  const shownStatus = stopping ?? status;
  const ports = c.ports.filter((p) => p.publicPort);
  const portsText = ports.map(portLabel).join(', ');
  const ageSeconds = (now - c.created * 1000) / 1000;
  // "Less than a second ago" (the CLI's words) does not fit the column at 1280 px.
  const age = ageSeconds < 1 ? 'Just now' : `${humanDuration(ageSeconds)} ago`;
  return (
    <div
      role="row"
      aria-rowindex={props.rowIndex}
      aria-label={`${c.name} ${status}${c.health ? `, ${c.health}` : ''}${stopping ? `, ${stopping}` : ''}`}
      aria-disabled={props.stale || undefined}
      tabIndex={props.focused ? 0 : -1}
      data-row={props.rowIndex}
      className={`grid-row state-${c.state} tone-${tone}${props.nested ? ' nested' : ''}${props.stale ? ' stale' : ''}`}
      style={props.style}
    >
      <div role="gridcell" className="cell select">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={`Select ${c.name}`}
          checked={props.selected}
          onChange={(e) => props.onSelect(e.target.checked)}
        />
      </div>
      <div role="gridcell" className="cell name wrap" title={c.name}>
        <a href={containerHref(c.id)} aria-label={`Open ${c.name}`} tabIndex={-1}>
          {c.name}
        </a>
      </div>
      <div role="gridcell" className="cell image wrap" title={c.image}>
        <BreakAfterSlashes text={c.image} />
      </div>
      <div role="gridcell" className="cell state" title={shownStatus}>
        <span className="state-line">
          <span className={`badge badge-${c.state} tone-${tone}`}>{c.state}</span>
          {c.health && (
            <span className={`badge health-${c.health}`} title={`Health check: ${c.health}`}>
              {c.health}
            </span>
          )}
        </span>
        <span className="muted status-line">{shownStatus}</span>
      </div>
      <StatsCells container={c} />
      <div role="gridcell" className="cell ports wrap" title={portsText || undefined}>
        {ports.map((p, i) => (
          <Fragment key={`${p.hostIp}:${p.publicPort}/${p.protocol}`}>
            {i > 0 && ' '}
            {/* One port a line: the comma stays with its port. */}
            <span className="nobr">
              <PortLink port={p} />
              {i < ports.length - 1 && ','}
            </span>
          </Fragment>
        ))}
      </div>
      <div
        role="gridcell"
        className="cell created wrap muted"
        title={`${age}, ${new Date(c.created * 1000).toLocaleString()}`}
      >
        {age}
      </div>
      <div role="gridcell" className="cell actions">
        <ContainerRowActions
          container={c}
          onRemove={props.onRemove}
          compact
          disabled={props.stale}
        />
      </div>
    </div>
  );
}

/**
 * An image name that wraps only after a slash ("berth-test/" then
 * "busybox:latest"), never at the hyphen inside a part.
 */
function BreakAfterSlashes({ text }: { text: string }) {
  const parts = text.split(/(?<=\/)/);
  return parts.map((part, i) => (
    <Fragment key={i}>
      {i > 0 && <wbr />}
      <span className="nobr">{part}</span>
    </Fragment>
  ));
}

function portLabel(port: PortBinding): string {
  return `${port.publicPort}:${port.privatePort}/${port.protocol}`;
}

function PortLink({ port }: { port: PortBinding }) {
  const label = portLabel(port);
  if (port.protocol !== 'tcp') return <span className="port">{label}</span>;
  const host =
    !port.hostIp || port.hostIp === '0.0.0.0' || port.hostIp === '::' ? 'localhost' : port.hostIp;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return (
    <a
      className="port"
      tabIndex={-1}
      href={`http://${shownHost}:${port.publicPort}/`}
      target="_blank"
      rel="noopener noreferrer"
    >
      {label}
    </a>
  );
}
