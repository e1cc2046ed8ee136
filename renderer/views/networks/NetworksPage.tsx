// The Networks page: the engine's networks, live, filterable; Create network,
// and per network Connect, Disconnect and Remove. Its `docker network ls`.
import { useMemo, useState } from 'react';
import type { NetworkSummary } from '../../../electron/contract/networks-channels.ts';
import { networkListCommand } from '../../../electron/contract/network/network-commands.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { Term } from '../../glossary/Term.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { NetworkDialogs, type NetworkDialog } from './NetworkDialogs.tsx';
import { NetworksGrid } from './NetworksGrid.tsx';
import { visibleNetworks } from './network-list.ts';
import { useNetworks } from './use-networks.ts';

export function NetworksPage() {
  const { networks, loaded, error } = useNetworks();
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<NetworkDialog | null>(null);
  const cliTarget = useCliTarget();
  const shown = useMemo(() => visibleNetworks(networks, query), [networks, query]);
  const open = (kind: NetworkDialog['kind']) => (network: NetworkSummary) =>
    setDialog({ kind, network } as NetworkDialog);

  return (
    <main aria-label="Networks" className="page page-fill networks-page">
      <header className="page-header">
        <h1>
          <Term term="network">Networks</Term>
        </h1>
        <div className="toolbar">
          <input
            type="search"
            aria-label="Filter networks"
            placeholder="Filter by name, subnet, container or alias"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="button" onClick={() => setDialog({ kind: 'create' })}>
            Create network
          </button>
        </div>
      </header>
      {error && <ErrorAlert message={error} />}
      <NetworksGrid
        networks={shown}
        onConnect={open('connect')}
        onDisconnect={open('disconnect')}
        onRemove={open('remove')}
      />
      {loaded && shown.length === 0 && (
        <p className="empty">
          {networks.length === 0 ? 'No networks listed yet.' : 'No network matches the filter.'}
        </p>
      )}
      <ShowCommand command={(shell) => networkListCommand(shell, cliTarget)} />
      {dialog && <NetworkDialogs dialog={dialog} onClose={() => setDialog(null)} />}
    </main>
  );
}
