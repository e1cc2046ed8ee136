// A network's page (`#/networks/<name>`): what `docker network inspect`
// says of it, and its attached containers with their addresses and aliases,
// each with Disconnect; Connect and Remove.
import { useState } from 'react';
import { isPredefinedNetwork } from '../../../electron/contract/network/network-spec.ts';
import { containerHref } from '../../use-hash-route.ts';
import { NetworkDialogs, type NetworkDialog } from './NetworkDialogs.tsx';
import { gatewayText, subnetText } from './network-list.ts';
import { useNetworks } from './use-networks.ts';
import './networks.css';

export function NetworkPage(props: { name: string }) {
  const { networks, loaded } = useNetworks();
  const network = networks.find((n) => n.name === props.name);
  const [dialog, setDialog] = useState<NetworkDialog | null>(null);
  if (!network) {
    return (
      <main aria-label={props.name} className="page network-page">
        <h1>{props.name}</h1>
        <p>{loaded ? 'No network of this name on the engine (any more).' : 'Reading…'}</p>
        <a href="#/networks">All networks</a>
      </main>
    );
  }
  const predefined = isPredefinedNetwork(network.name);
  const labels = Object.entries(network.labels);
  return (
    <main aria-label={network.name} className="page network-page">
      <header className="page-header">
        <h1>
          <a href="#/networks">Networks</a> / {network.name}
        </h1>
        <div className="toolbar">
          <button type="button" onClick={() => setDialog({ kind: 'connect', network })}>
            Connect
          </button>
          <button
            type="button"
            className="danger"
            disabled={predefined}
            onClick={() => setDialog({ kind: 'remove', network })}
          >
            Remove
          </button>
        </div>
      </header>
      {predefined && (
        <p className="muted">
          {network.name} is predefined: the engine made it and keeps it, so it cannot be removed.
        </p>
      )}
      <dl className="facts">
        <dt>Id</dt>
        <dd>
          <code>{network.id.slice(0, 12)}</code>
        </dd>
        <dt>Driver and scope</dt>
        <dd>
          {network.driver}, {network.scope}
        </dd>
        <dt>Subnet</dt>
        <dd>
          <code>{subnetText(network) || '—'}</code>
        </dd>
        <dt>Gateway</dt>
        <dd>
          {gatewayText(network) ? (
            <code>{gatewayText(network)}</code>
          ) : network.subnets.length ? (
            <span className="muted">
              none listed by docker network inspect (the engine uses the subnet&apos;s first
              address)
            </span>
          ) : (
            '—'
          )}
        </dd>
        <dt>Internal / attachable</dt>
        <dd>
          {network.internal ? 'internal' : 'not internal'},{' '}
          {network.attachable ? 'attachable' : 'not attachable'}
        </dd>
        <dt>Created</dt>
        <dd>{network.createdAt ? new Date(network.createdAt).toLocaleString() : '—'}</dd>
        {labels.length > 0 && (
          <>
            <dt>Labels</dt>
            <dd>
              {labels.map(([k, v]) => (
                <div key={k}>
                  <code>
                    {k}={v}
                  </code>
                </div>
              ))}
            </dd>
          </>
        )}
      </dl>
      <h2>Attached containers</h2>
      {network.containers.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <table className="endpoints" aria-label="Attached containers">
          <thead>
            <tr>
              <th>Container</th>
              <th>IPv4</th>
              <th>Aliases</th>
              <th>MAC</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {network.containers.map((c) => (
              <tr key={c.containerId} aria-label={c.containerName}>
                <td>
                  <a href={containerHref(c.containerId)}>{c.containerName}</a>
                </td>
                <td>
                  <code>{c.ipv4 || '—'}</code>
                </td>
                <td>{c.aliases.join(', ') || '—'}</td>
                <td>
                  <code>{c.mac || '—'}</code>
                </td>
                <td>
                  <button
                    type="button"
                    className="small"
                    onClick={() =>
                      setDialog({ kind: 'disconnect', network, container: c.containerName })
                    }
                  >
                    Disconnect
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog && (
        <NetworkDialogs
          dialog={dialog}
          onClose={() => setDialog(null)}
          onRemoved={() => (location.hash = '#/networks')}
        />
      )}
    </main>
  );
}
