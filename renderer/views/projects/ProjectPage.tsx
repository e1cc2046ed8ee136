import { useMemo, useState } from 'react';
import {
  composeCommandLine,
  type ComposeAction,
  type ComposeRequest,
} from '../../../electron/contract/compose-channels.ts';
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { ActionError } from '../../components/ActionError.tsx';
import { ShowCommand } from '../../components/ShowCommand.tsx';
import { useCliTarget } from '../../stores/cli-target.ts';
import { useContainersStore } from '../../stores/containers-store.ts';
import { isActive } from '../containers/container-filter.ts';
import { RemoveDialog } from '../containers/RemoveDialog.tsx';
import { ComposeOutput } from './ComposeOutput.tsx';
import { DownDialog } from './DownDialog.tsx';
import { OpenProjectDialog } from './OpenProjectDialog.tsx';
import { ProjectLogs } from './ProjectLogs.tsx';
import { restartProject, startProject, stopProject } from './project-actions.ts';
import { composeSourceOf, containersOfProject, servicesOf } from './project-model.ts';
import { ProjectResources } from './ProjectResources.tsx';
import { ScaleDialog } from './ScaleDialog.tsx';
import { ServicesGrid } from './ServicesGrid.tsx';
import { cliBlocker, useComposeCli } from './use-compose-cli.ts';
import { useComposeRun } from './use-compose-run.ts';
import './projects.css';

type Dialog = 'remove' | 'down' | 'scale' | 'open' | null;

/** The files a project came from: its containers' labels, remembered after Down removed them all. */
function useComposeSource(members: ContainerSummary[]) {
  const now = composeSourceOf(members);
  const [last, setLast] = useState(now);
  if (now && JSON.stringify(now) !== JSON.stringify(last)) setLast(now);
  return now ?? last;
}

/** One Compose project: its services, its group actions, the Compose CLI's, and its merged logs. */
export function ProjectPage({ name }: { name: string }) {
  const byId = useContainersStore((s) => s.byId);
  const loaded = useContainersStore((s) => s.loaded);
  const members = useMemo(() => containersOfProject(Object.values(byId), name), [byId, name]);
  const services = useMemo(() => servicesOf(members), [members]);
  const source = useComposeSource(members);
  const cli = useComposeCli();
  const target = useCliTarget();
  const { state, start } = useComposeRun();
  const [dialog, setDialog] = useState<Dialog>(null);
  const running = members.filter(isActive).length;
  const composing = state.phase === 'running';

  const blocker =
    cliBlocker(cli) ??
    (source
      ? null
      : "These containers don't name the compose file that made them: use Open project with the file.");
  const request = (
    action: ComposeAction,
    extra: Partial<ComposeRequest> = {},
  ): ComposeRequest | null =>
    source
      ? {
          action,
          files: source.files,
          ...(source.workingDir ? { workingDir: source.workingDir } : {}),
          project: name,
          ...extra,
        }
      : null;
  const [lastRequest, setLastRequest] = useState<ComposeRequest | null>(null);
  const run = (action: ComposeAction, extra: Partial<ComposeRequest> = {}) => {
    const r = request(action, extra);
    if (!r) return;
    setLastRequest(r);
    start(r);
  };
  const kind = cli.phase === 'known' ? (cli.info.found?.kind ?? 'plugin') : 'plugin';
  const shown = lastRequest ?? request('up');
  const cliButton = (label: string, onClick: () => void) => (
    <button
      type="button"
      disabled={blocker !== null || composing}
      title={blocker ?? undefined}
      aria-describedby={blocker ? 'compose-blocker' : undefined}
      onClick={onClick}
    >
      {label}
    </button>
  );

  return (
    <main aria-label={name} className="page project-page">
      <a href="#/projects">← Projects</a>
      <header className="page-header">
        <div>
          <h1>{name}</h1>
          <p className="muted">
            Compose project · {running} of {members.length} running
            {source && <> · {source.files.join(', ')}</>}
          </p>
        </div>
        <div className="toolbar">
          <button
            type="button"
            disabled={members.length === 0 || running === members.length}
            onClick={() => startProject(members)}
          >
            Start project
          </button>
          <button type="button" disabled={running === 0} onClick={() => stopProject(members)}>
            Stop project
          </button>
          <button
            type="button"
            disabled={members.length === 0}
            onClick={() => restartProject(members)}
          >
            Restart project
          </button>
          <button
            type="button"
            className="danger"
            disabled={members.length === 0}
            onClick={() => setDialog('remove')}
          >
            Remove project
          </button>
        </div>
      </header>
      <div className="toolbar compose-toolbar" aria-label="Compose">
        {cliButton('Up', () => run('up'))}
        {cliButton('Down', () => setDialog('down'))}
        {cliButton('Pull', () => run('pull'))}
        {cliButton('Build', () => run('build'))}
        {cliButton('Scale', () => setDialog('scale'))}
        <button type="button" disabled={composing} onClick={() => setDialog('open')}>
          Open project
        </button>
      </div>
      {blocker && cli.phase !== 'looking' && (
        <p id="compose-blocker" role="note" className="compose-cli-note">
          {blocker}
        </p>
      )}
      <ActionError />
      <ComposeOutput state={state} project={name} />
      {shown && <ShowCommand command={(shell) => composeCommandLine(shown, kind, shell, target)} />}
      {dialog === 'remove' && (
        <RemoveDialog containers={members} project={name} onClose={() => setDialog(null)} />
      )}
      {dialog === 'down' && (
        <DownDialog
          project={name}
          onClose={() => setDialog(null)}
          onDown={(volumes) => run('down', volumes ? { volumes: true } : {})}
        />
      )}
      {dialog === 'scale' && (
        <ScaleDialog
          services={services.map((s) => ({ name: s.name, replicas: s.containers.length }))}
          onClose={() => setDialog(null)}
          onScale={(service, replicas) => run('scale', { service, replicas })}
        />
      )}
      {dialog === 'open' && (
        <OpenProjectDialog
          cli={cli}
          initial={{ file: source?.files[0] ?? '', project: name }}
          onClose={() => setDialog(null)}
        />
      )}
      {loaded && members.length === 0 ? (
        <p role="status" aria-label="No containers" className="muted">
          No container of {name} exists now.
          {source ? ' Up brings the project up again from its compose file.' : ''}
        </p>
      ) : (
        <>
          <h2>Services</h2>
          <ServicesGrid services={services} />
          <ProjectResources project={name} />
          <ProjectLogs project={name} members={members} />
        </>
      )}
    </main>
  );
}
