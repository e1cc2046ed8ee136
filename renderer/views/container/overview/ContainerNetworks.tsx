// A container's networks on its Overview: its address and aliases on each
// (live, from the containers and networks lists), Disconnect per network, and
// Connect to join another.
import { useState } from 'react';
import type { ContainerSummary } from '../../../../electron/contract/container-types.ts';
import { networkHref } from '../../../use-hash-route.ts';
import { ConnectNetworkDialog } from '../../networks/ConnectNetworkDialog.tsx';
import { DisconnectNetworkDialog } from '../../networks/DisconnectNetworkDialog.tsx';
import { useNetworks } from '../../networks/use-networks.ts';
import '../../networks/networks.css';

export function ContainerNetworks(props: { container: ContainerSummary }) {
  const { container } = props;
  const { networks } = useNetworks();
  const [connecting, setConnecting] = useState(false);
  const [leaving, setLeaving] = useState<string | null>(null);
  const aliasesOn = (name: string) =>
    networks.find((n) => n.name === name)?.containers.find((c) => c.containerId === container.id)
      ?.aliases ?? [];
  const joined = [...container.networks].sort((a, b) => a.name.localeCompare(b.name));
  const leavingNetwork = leaving ? networks.find((n) => n.name === leaving) : undefined;
  return (
    <>
      {joined.length === 0 ? (
        <div>none</div>
      ) : (
        <ul className="container-networks" aria-label={`Networks of ${container.name}`}>
          {joined.map((n) => {
            const aliases = aliasesOn(n.name);
            return (
              <li key={n.name} aria-label={n.name}>
                <a href={networkHref(n.name)}>{n.name}</a>:{' '}
                {n.ipv4 ? (
                  <code>{n.ipv4}</code>
                ) : (
                  <span className="muted">no address while stopped</span>
                )}
                {aliases.length > 0 && <span className="muted">also {aliases.join(', ')}</span>}
                <button type="button" className="small" onClick={() => setLeaving(n.name)}>
                  Disconnect
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <button type="button" className="small" onClick={() => setConnecting(true)}>
        Connect
      </button>
      {connecting && (
        <ConnectNetworkDialog container={container.name} onClose={() => setConnecting(false)} />
      )}
      {leaving && (
        <DisconnectNetworkDialog
          network={leavingNetwork ?? { name: leaving, containers: [] }}
          container={container.name}
          onClose={() => setLeaving(null)}
        />
      )}
    </>
  );
}
