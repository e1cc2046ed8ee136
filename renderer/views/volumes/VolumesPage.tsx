import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { VolumeSummary } from '../../../electron/contract/channels.ts';
import { dockerCommandLine } from '../../../electron/contract/run-spec/run-command.ts';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { Term } from '../../glossary/Term.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { startContainersSync, useContainersStore } from '../../stores/containers-store.ts';
import { startVolumesSync, useVolumesStore } from '../../stores/volumes-store.ts';
import { useCall } from '../../use-call.ts';
import { CreateVolumeDialog } from './CreateVolumeDialog.tsx';
import { PruneVolumesDialog } from './PruneVolumesDialog.tsx';
import { RemoveVolumeDialog } from './RemoveVolumeDialog.tsx';
import {
  BY_NAME,
  visibleVolumes,
  type VolumeSortKey,
  type VolumeSortOrder,
} from './volume-list.ts';
import { VolumesGrid } from './VolumesGrid.tsx';

/**
 * `docker volume ls`, live (the app's volumes mirror), with create, remove and
 * prune. Sizes cost the engine a walk of every volume (`/system/df`), so they
 * are read when asked, never polled.
 */
export function VolumesPage() {
  useEffect(startVolumesSync, []);
  useEffect(startContainersSync, []);
  const { byId, loaded, error } = useVolumesStore(
    useShallow((s) => ({ byId: s.byId, loaded: s.loaded, error: s.error })),
  );
  const containers = useContainersStore((s) => s.byId);
  const ids = useMemo(
    () => new Map(Object.values(containers).map((c) => [c.name, c.id])),
    [containers],
  );
  const volumes = useMemo(() => Object.values(byId), [byId]);
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<VolumeSortOrder>(BY_NAME);
  const [sizes, setSizes] = useState<Record<string, number> | null>(null);
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<VolumeSummary | null>(null);
  const [pruning, setPruning] = useState(false);
  const reading = useCall();
  const cliTarget = useCliTarget();
  const shown = useMemo(
    () => visibleVolumes(volumes, query, sort, sizes ?? {}),
    [volumes, query, sort, sizes],
  );
  const onSort = (key: VolumeSortKey) =>
    setSort((s) => ({
      key,
      direction: s.key === key && s.direction === 'ascending' ? 'descending' : 'ascending',
    }));
  const readSizes = () =>
    void reading.run(async () => setSizes(await getClient().call('volumes.sizes')));

  return (
    <main aria-label="Volumes" className="page page-fill volumes-page">
      <header className="page-header">
        <h1>
          <Term term="volume">Volumes</Term>
        </h1>
        <div className="toolbar">
          <input
            type="search"
            aria-label="Filter volumes"
            placeholder="Filter by name, label, container or unused"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
          />
          <button type="button" onClick={() => setCreating(true)}>
            Create volume
          </button>
          <button type="button" disabled={reading.busy} onClick={readSizes}>
            {sizes ? 'Read sizes again' : 'Show sizes'}
          </button>
          <button type="button" onClick={() => setPruning(true)}>
            Prune
          </button>
        </div>
      </header>
      {error && <ErrorAlert message={error} />}
      {reading.failure && <ErrorAlert message={reading.failure} />}
      {reading.busy && (
        <p role="status" aria-label="Reading sizes" className="muted">
          Reading every volume&apos;s size (the engine walks their files)…
        </p>
      )}
      <VolumesGrid
        volumes={shown}
        sort={sort}
        onSort={onSort}
        sizes={sizes}
        containerIds={ids}
        onRemove={setRemoving}
      />
      {loaded && shown.length === 0 && (
        <p className="empty">
          {volumes.length === 0
            ? 'No volumes yet. A volume keeps a container’s data after the container is removed: create one, then mount it as NAME:/path in New container.'
            : 'No volume matches the filter.'}
        </p>
      )}
      <ShowCommand command={(shell) => dockerCommandLine(['volume', 'ls'], shell, cliTarget)} />
      {creating && <CreateVolumeDialog onClose={() => setCreating(false)} />}
      {removing && <RemoveVolumeDialog volume={removing} onClose={() => setRemoving(null)} />}
      {pruning && <PruneVolumesDialog onClose={() => setPruning(false)} />}
    </main>
  );
}
