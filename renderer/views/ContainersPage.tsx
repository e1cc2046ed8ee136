import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ContainerSummary, PortBinding } from '../../electron/contract/container-types.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { RemoveContainerDialog } from '../components/RemoveContainerDialog.tsx';
import {
  dismissActionError,
  runContainerAction,
  useContainerActionsStore,
} from '../stores/container-actions-store.ts';
import { ContainerRowActions } from './ContainerRowActions.tsx';
import { useContainersStore } from '../stores/containers-store.ts';
import { useNow } from '../use-now.ts';
import { byStateThenName, isActive, matchesFilter } from './container-filter.ts';
import { ageStatus, humanDuration } from './status-age.ts';

export function ContainersPage() {
  const [query, setQuery] = useState('');
  const [showStopped, setShowStopped] = useState(true);
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const actionError = useContainerActionsStore((s) => s.error);
  const { byId, loaded, error } = useContainersStore(
    useShallow((s) => ({ byId: s.byId, loaded: s.loaded, error: s.error })),
  );
  const rows = useMemo(
    () =>
      Object.values(byId)
        .filter((c) => (showStopped || isActive(c)) && matchesFilter(c, query))
        .sort(byStateThenName),
    [byId, query, showStopped],
  );

  return (
    <main aria-label="Containers" className="page">
      <header className="page-header">
        <h1>Containers</h1>
        <div className="toolbar">
          <input
            type="search"
            aria-label="Filter containers"
            placeholder="Filter by name, image, id or label"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={showStopped}
              onChange={(e) => setShowStopped(e.target.checked)}
            />
            Show stopped
          </label>
        </div>
      </header>
      {error && <ErrorAlert message={error} />}
      {actionError && (
        <ErrorAlert message={actionError}>
          <button type="button" onClick={dismissActionError}>
            Dismiss
          </button>
        </ErrorAlert>
      )}
      {removing && (
        <RemoveContainerDialog
          container={removing}
          onCancel={() => setRemoving(null)}
          onConfirm={(options) => {
            setRemoving(null);
            void runContainerAction(removing.id, 'remove', options);
          }}
        />
      )}
      <table role="grid" aria-label="Containers" aria-rowcount={rows.length + 1} className="grid">
        <colgroup>
          <col className="col-name" />
          <col className="col-image" />
          <col className="col-state" />
          <col className="col-ports" />
          <col className="col-created" />
          <col className="col-actions" />
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Name</th>
            <th scope="col">Image</th>
            <th scope="col">State</th>
            <th scope="col">Ports</th>
            <th scope="col">Created</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c, i) => (
            <ContainerRow
              key={c.id}
              container={c}
              rowIndex={i + 2}
              onRemove={() => setRemoving(c)}
            />
          ))}
        </tbody>
      </table>
      {loaded && rows.length === 0 && (
        <p className="empty">
          {Object.keys(byId).length === 0
            ? 'No containers yet. Containers you run with the docker CLI appear here at once.'
            : 'No container matches the filter.'}
        </p>
      )}
    </main>
  );
}

function ContainerRow({
  container: c,
  rowIndex,
  onRemove,
}: {
  container: ContainerSummary;
  rowIndex: number;
  onRemove(): void;
}) {
  const now = Math.max(useNow(), c.statusAt);
  const status = ageStatus(c.status, c.statusAt, now);
  return (
    <tr aria-rowindex={rowIndex} aria-label={`${c.name} ${status}`} className={`state-${c.state}`}>
      <td className="name" title={c.name}>
        {c.name}
      </td>
      <td className="image" title={c.image}>
        {c.image}
      </td>
      <td>
        <span className={`badge badge-${c.state}`}>{c.state}</span>{' '}
        <span className="muted">{status}</span>
      </td>
      <td>
        {c.ports
          .filter((p) => p.publicPort)
          .map((p) => (
            <PortLink key={`${p.hostIp}:${p.publicPort}/${p.protocol}`} port={p} />
          ))}
      </td>
      <td className="muted" title={new Date(c.created * 1000).toLocaleString()}>
        {humanDuration((now - c.created * 1000) / 1000)} ago
      </td>
      <td>
        <ContainerRowActions container={c} onRemove={onRemove} />
      </td>
    </tr>
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
