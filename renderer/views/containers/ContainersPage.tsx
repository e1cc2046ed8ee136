import { useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { ActionError } from '../../components/ActionError.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import {
  runContainerAction,
  useContainerActionsStore,
} from '../../stores/container-actions-store.ts';
import { useContainersStore } from '../../stores/containers-store.ts';
import { useListStale } from '../../stores/list-freshness.ts';
import { FirstRun } from '../first-run/SampleSiteCard.tsx';
import { ContainersGrid } from './ContainersGrid.tsx';
import { isActive } from './container-filter.ts';
import { buildListItems, type SortKey, type SortOrder } from './list-model.ts';
import { useCliTarget } from '../../stores/cli-target.ts';
import { openCreated } from '../container/overview/just-created.ts';
import { NewContainerDialog } from './new-container/NewContainerDialog.tsx';
import { RemoveDialog } from './RemoveDialog.tsx';

/** The grid's current row: where focus goes when what opened a dialog is gone. */
const currentRow = () =>
  document.querySelector<HTMLElement>(
    '[role="grid"][aria-label="Containers"] [role="row"][tabindex="0"]',
  );

export function ContainersPage() {
  const [query, setQuery] = useState('');
  const [showStopped, setShowStopped] = useState(true);
  const [sort, setSort] = useState<SortOrder>({ key: 'state', direction: 'ascending' });
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [removing, setRemoving] = useState<{
    containers: ContainerSummary[];
    project?: string;
  } | null>(null);
  const [creating, setCreating] = useState(false);
  const cliTarget = useCliTarget();
  const stale = useListStale();
  const lastCommand = useContainerActionsStore((s) => s.lastCommand);
  const { byId, loaded, error } = useContainersStore(
    useShallow((s) => ({ byId: s.byId, loaded: s.loaded, error: s.error })),
  );
  const items = useMemo(
    () => buildListItems(Object.values(byId), { query, showStopped, sort, collapsed }),
    [byId, query, showStopped, sort, collapsed],
  );
  const total = Object.keys(byId).length;
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  // Only what is still listed and shown counts: a container removed meanwhile drops out.
  const shown = useMemo(
    () =>
      items.flatMap((i) =>
        i.kind === 'container' ? [i.container] : i.collapsed ? i.containers : [],
      ),
    [items],
  );
  const selected = shown.filter((c) => selection.has(c.id));
  const onSelect = (id: string, on: boolean) =>
    setSelection((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const onSelectAll = (on: boolean) =>
    setSelection(on ? new Set(shown.map((c) => c.id)) : new Set());
  const runOnSelection = (action: 'start' | 'stop' | 'restart' | 'kill') => {
    for (const c of selected) {
      const applies = action === 'start' ? !isActive(c) : isActive(c);
      if (applies) void runContainerAction(c.id, action, {}, c.name);
    }
  };

  const onSort = (key: SortKey) =>
    setSort((s) => ({
      key,
      direction: s.key === key && s.direction === 'ascending' ? 'descending' : 'ascending',
    }));
  const onToggleProject = (project: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (!next.delete(project)) next.add(project);
      return next;
    });

  return (
    <main aria-label="Containers" className="page page-fill containers-page">
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
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New container
          </button>
        </div>
      </header>
      {error && <ErrorAlert message={error} />}
      <ActionError />
      {stale && (
        <p role="status" aria-label="Last known state" className="stale-notice">
          The engine is not answering: this list shows the last known state, and its actions are off
          until the engine answers again.
        </p>
      )}
      {/* One place, always there, for the selection's bar or else the last command, so rows never move. */}
      <div className="bulk-slot">
        {selected.length > 0 ? (
          <div className="bulk-bar" role="toolbar" aria-label="Selected containers">
            <span className="muted">{selected.length} selected</span>
            <button type="button" disabled={stale} onClick={() => runOnSelection('start')}>
              Start selected
            </button>
            <button type="button" disabled={stale} onClick={() => runOnSelection('stop')}>
              Stop selected
            </button>
            <button type="button" disabled={stale} onClick={() => runOnSelection('restart')}>
              Restart selected
            </button>
            <button
              type="button"
              className="danger"
              disabled={stale}
              onClick={() => runOnSelection('kill')}
            >
              Kill selected
            </button>
            <button
              type="button"
              className="danger"
              disabled={stale}
              onClick={() => setRemoving({ containers: selected })}
            >
              Remove selected
            </button>
          </div>
        ) : lastCommand ? (
          <section aria-label="Last command" className="last-command" title={lastCommand}>
            <span className="muted">The same with the docker CLI:</span> <code>{lastCommand}</code>
          </section>
        ) : (
          <span className="muted">Tick containers to act on several at once.</span>
        )}
      </div>
      {creating && (
        <NewContainerDialog
          cliTarget={cliTarget}
          onClose={(createdId) => {
            setCreating(false);
            // Like `docker run`, then look at it: its page opens.
            if (createdId) openCreated(createdId);
          }}
        />
      )}
      {removing && (
        <RemoveDialog {...removing} onClose={() => setRemoving(null)} fallbackFocus={currentRow} />
      )}
      <ContainersGrid
        items={items}
        sort={sort}
        onSort={onSort}
        onToggleProject={onToggleProject}
        onRemove={(containers, project) =>
          setRemoving(project ? { containers, project } : { containers })
        }
        selected={selection}
        allSelected={shown.length > 0 && selected.length === shown.length}
        onSelect={onSelect}
        onSelectAll={onSelectAll}
        stale={stale}
      />
      {loaded && items.length === 0 && (
        <p className="empty">
          {total === 0
            ? 'No containers yet. Containers you run with the docker CLI appear here at once.'
            : 'No container matches the filter.'}
        </p>
      )}
      {loaded && total === 0 && <FirstRun />}
    </main>
  );
}
