import { containerHref } from '../../use-hash-route.ts';
import { SimpleGrid } from '../registries/SimpleGrid.tsx';
import type { ServiceSummary } from './project-model.ts';

/** A project's services: each with its containers (linked), replicas running, images and ports. */
export function ServicesGrid({ services }: { services: ServiceSummary[] }) {
  return (
    <SimpleGrid
      label="Services"
      columns={['Service', 'Replicas', 'Containers', 'Image', 'Ports']}
      rows={services.map((s) => ({
        key: s.name,
        name: `${s.name}, ${s.running} of ${s.containers.length} running`,
        cells: [
          s.name,
          `${s.running} of ${s.containers.length} running`,
          <span key="containers" className="service-containers">
            {s.containers.map((c) => (
              <a key={c.id} href={containerHref(c.id)} tabIndex={-1} className={`state-${c.state}`}>
                {c.name}
              </a>
            ))}
          </span>,
          s.images.join(', '),
          s.ports.join(', ') || '—',
        ],
      }))}
    />
  );
}
