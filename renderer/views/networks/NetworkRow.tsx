import type { CSSProperties } from 'react';
import { isPredefinedNetwork } from '../../../electron/contract/network/network-spec.ts';
import type { NetworkSummary } from '../../../electron/contract/networks-channels.ts';
import { networkHref } from '../../use-hash-route.ts';
import { endpointText, gatewayText, networkRowName, subnetText } from './network-list.ts';

export interface NetworkRowActions {
  onConnect(network: NetworkSummary): void;
  onDisconnect(network: NetworkSummary): void;
  onRemove(network: NetworkSummary): void;
}

/** Containers shown in the cell; the rest are counted, all of them in its title. */
const SHOWN_ENDPOINTS = 2;

export function NetworkRow(
  props: {
    network: NetworkSummary;
    rowIndex: number;
    focused: boolean;
    style: CSSProperties;
  } & NetworkRowActions,
) {
  const { network } = props;
  const predefined = isPredefinedNetwork(network.name);
  const endpoints = network.containers.map(endpointText);
  const created = network.createdAt ? new Date(network.createdAt) : null;
  return (
    <div
      role="row"
      aria-rowindex={props.rowIndex}
      aria-label={networkRowName(network)}
      tabIndex={props.focused ? 0 : -1}
      data-row={props.rowIndex}
      className="grid-row"
      style={props.style}
    >
      <div role="gridcell" className="cell name">
        <a href={networkHref(network.name)} tabIndex={-1} aria-label={`Open ${network.name}`}>
          {network.name}
        </a>
        {predefined && (
          <span className="badge predefined" title="Made by the engine; it cannot be removed">
            predefined
          </span>
        )}
      </div>
      <div role="gridcell" className="cell driver">
        {network.driver}
      </div>
      <div role="gridcell" className="cell scope muted">
        {network.scope}
      </div>
      <div
        role="gridcell"
        className="cell subnet"
        title={
          network.subnets.length && !gatewayText(network)
            ? 'docker network inspect lists no gateway: the engine uses the first address of the subnet'
            : undefined
        }
      >
        <code>{subnetText(network) || '—'}</code>
        {gatewayText(network) && <code className="muted">gw {gatewayText(network)}</code>}
      </div>
      <div role="gridcell" className="cell internal">
        {network.internal ? 'yes' : 'no'}
      </div>
      <div role="gridcell" className="cell attachable">
        {network.attachable ? 'yes' : 'no'}
      </div>
      <div role="gridcell" className="cell containers" title={endpoints.join('\n') || undefined}>
        {endpoints.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <>
            {endpoints.slice(0, SHOWN_ENDPOINTS).map((text) => (
              <span key={text} className="endpoint">
                {text}
              </span>
            ))}
            {endpoints.length > SHOWN_ENDPOINTS && (
              <span className="endpoint muted">+{endpoints.length - SHOWN_ENDPOINTS} more</span>
            )}
          </>
        )}
      </div>
      <div
        role="gridcell"
        className="cell created muted"
        title={created ? created.toLocaleString() : undefined}
      >
        {created ? created.toLocaleDateString() : ''}
      </div>
      <div role="gridcell" className="cell actions">
        <div className="row-actions">
          <button
            type="button"
            className="small"
            tabIndex={-1}
            disabled={network.name === 'host' || network.name === 'none'}
            onClick={() => props.onConnect(network)}
          >
            Connect
          </button>
          <button
            type="button"
            className="small"
            tabIndex={-1}
            disabled={network.containers.length === 0}
            onClick={() => props.onDisconnect(network)}
          >
            Disconnect
          </button>
          <button
            type="button"
            className="small danger"
            tabIndex={-1}
            disabled={predefined}
            title={predefined ? `${network.name} is predefined: the engine keeps it` : undefined}
            onClick={() => props.onRemove(network)}
          >
            Remove
          </button>
        </div>
      </div>
    </div>
  );
}
