import { useMemo, useState } from 'react';
import { useContainersStore } from '../../stores/containers-store.ts';
import { projectHref } from '../../use-hash-route.ts';
import { SimpleGrid } from '../registries/SimpleGrid.tsx';
import { OpenProjectDialog } from './OpenProjectDialog.tsx';
import { projectsOf } from './project-model.ts';
import { cliBlocker, useComposeCli } from './use-compose-cli.ts';
import './projects.css';

/** Every Compose project on the engine, from its containers' labels, and Open project. */
export function ProjectsPage() {
  const byId = useContainersStore((s) => s.byId);
  const loaded = useContainersStore((s) => s.loaded);
  const projects = useMemo(() => projectsOf(Object.values(byId)), [byId]);
  const cli = useComposeCli();
  const blocker = cliBlocker(cli);
  const [opening, setOpening] = useState(false);
  return (
    <main aria-label="Projects" className="page projects-page">
      <header className="page-header">
        <h1>Projects</h1>
        <div className="toolbar">
          <button type="button" className="primary" onClick={() => setOpening(true)}>
            Open project
          </button>
        </div>
      </header>
      <p className="muted">
        A Compose project runs a whole application from one compose file. Berth groups containers by
        their <code>com.docker.compose.project</code> label.
        {cli.phase === 'known' && cli.info.found && (
          <>
            {' '}
            Compose CLI: {cli.info.found.kind === 'plugin'
              ? 'docker compose'
              : 'docker-compose'}{' '}
            {cli.info.found.version}.
          </>
        )}
      </p>
      {blocker && cli.phase !== 'looking' && (
        <p role="note" className="compose-cli-note">
          {blocker}
        </p>
      )}
      {opening && <OpenProjectDialog cli={cli} onClose={() => setOpening(false)} />}
      {loaded && projects.length === 0 ? (
        <p className="muted">
          No Compose project on this engine yet. Open project brings one up from a compose file.
        </p>
      ) : (
        <SimpleGrid
          label="Projects"
          columns={['Project', 'Services', 'Containers']}
          rows={projects.map((p) => ({
            key: p.name,
            name: `${p.name}, ${p.running} of ${p.total} running`,
            cells: [
              <a key="name" href={projectHref(p.name)} tabIndex={-1}>
                {p.name}
              </a>,
              p.services.join(', '),
              `${p.running} of ${p.total} running`,
            ],
          }))}
        />
      )}
    </main>
  );
}
