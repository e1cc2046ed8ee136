import { useMemo } from 'react';
import { COMPOSE_PROJECT } from '../../../electron/contract/compose-channels.ts';
import { useNetworksStore } from '../../stores/networks-store.ts';
import { useVolumesStore } from '../../stores/volumes-store.ts';
import { networkHref, volumeHref } from '../../use-hash-route.ts';
import { SimpleGrid } from '../registries/SimpleGrid.tsx';

/** The networks and volumes Compose made for the project (its label on them), live. */
export function ProjectResources({ project }: { project: string }) {
  const networksById = useNetworksStore((s) => s.byId);
  const volumesById = useVolumesStore((s) => s.byId);
  const networks = useMemo(
    () =>
      Object.values(networksById)
        .filter((n) => n.labels[COMPOSE_PROJECT] === project)
        .sort((a, b) => a.name.localeCompare(b.name)),
    [networksById, project],
  );
  const volumes = useMemo(
    () =>
      Object.values(volumesById)
        .filter((v) => v.labels[COMPOSE_PROJECT] === project)
        .sort((a, b) => a.name.localeCompare(b.name)),
    [volumesById, project],
  );
  return (
    <div className="project-resources">
      <section aria-labelledby="project-networks-title">
        <h2 id="project-networks-title">Networks</h2>
        {networks.length === 0 ? (
          <p className="muted">No network of {project}.</p>
        ) : (
          <SimpleGrid
            label="Project networks"
            columns={['Network', 'Driver', 'Subnet', 'Containers']}
            rows={networks.map((n) => ({
              key: n.id,
              name: n.name,
              cells: [
                <a key="name" href={networkHref(n.name)} tabIndex={-1}>
                  {n.name}
                </a>,
                n.driver,
                n.subnets.map((s) => s.subnet).join(', ') || '—',
                n.containers.map((c) => c.containerName).join(', ') || '—',
              ],
            }))}
          />
        )}
      </section>
      <section aria-labelledby="project-volumes-title">
        <h2 id="project-volumes-title">Volumes</h2>
        {volumes.length === 0 ? (
          <p className="muted">No volume of {project}.</p>
        ) : (
          <SimpleGrid
            label="Project volumes"
            columns={['Volume', 'Driver', 'In use by']}
            rows={volumes.map((v) => ({
              key: v.name,
              name: v.name,
              cells: [
                <a key="name" href={volumeHref(v.name)} tabIndex={-1}>
                  {v.name}
                </a>,
                v.driver,
                v.usedBy.join(', ') || '—',
              ],
            }))}
          />
        )}
      </section>
    </div>
  );
}
