import { useState } from 'react';
import { ActionError } from '../../components/ActionError.tsx';
import { TabList } from '../../components/TabList.tsx';
import { CommitDialog } from './CommitDialog.tsx';
import { useContainersStore } from '../../stores/containers-store.ts';
import { ContainerRowActions } from '../containers/ContainerRowActions.tsx';
import { RemoveDialog } from '../containers/RemoveDialog.tsx';
import { useHashRoute } from '../../use-hash-route.ts';
import { FilesTab } from './files/FilesTab.tsx';
import { InspectTab } from './InspectTab.tsx';
import { LogsTab } from './LogsTab.tsx';
import { GoneContainer } from './overview/GoneContainer.tsx';
import { OverviewTab } from './overview/OverviewTab.tsx';
import { ProcessesTab } from './processes/ProcessesTab.tsx';
import { StatsTab } from './stats/StatsTab.tsx';
import { SettingsTab } from './settings/SettingsTab.tsx';
import { TerminalTab } from './terminal/TerminalTab.tsx';

const tabs = [
  'Overview',
  'Logs',
  'Terminal',
  'Inspect',
  'Stats',
  'Processes',
  'Files',
  'Settings',
] as const;
type Tab = (typeof tabs)[number];
/** The tab a link asks for (`#/containers/<id>/logs`, `…/terminal`). */
const tabOf = (name?: string) => tabs.find((t) => t.toLowerCase() === name);

/** One container: its state and actions, and tabs for what is inside it. */
export function ContainerPage({ id }: { id: string }) {
  const container = useContainersStore(
    (s) => s.byId[id] ?? Object.values(s.byId).find((c) => c.name === id),
  );
  const loaded = useContainersStore((s) => s.loaded);
  const routeTab = tabOf(useHashRoute().tab);
  const [tab, setTab] = useState<Tab>(routeTab ?? 'Overview');
  // A link to another tab of this same page (the header's Logs button) switches to it.
  const [linkedTab, setLinkedTab] = useState(routeTab);
  if (routeTab !== linkedTab) {
    setLinkedTab(routeTab);
    if (routeTab) setTab(routeTab);
  }
  const [removing, setRemoving] = useState(false);
  const [committing, setCommitting] = useState(false);

  if (!container) return <GoneContainer id={id} loaded={loaded} />;

  return (
    <main aria-label={container.name} className="page">
      <a href="#/containers">← Containers</a>
      <header className="page-header">
        <div>
          <h1>{container.name}</h1>
          <p className="muted">
            <span className={`badge badge-${container.state}`}>{container.state}</span>{' '}
            {container.image} · {container.id.slice(0, 12)}
          </p>
        </div>
        <div className="toolbar">
          <ContainerRowActions container={container} onRemove={() => setRemoving(true)} />
          <button type="button" onClick={() => setCommitting(true)}>
            Commit
          </button>
        </div>
      </header>
      <ActionError />
      {committing && (
        <CommitDialog container={container.name} onClose={() => setCommitting(false)} />
      )}
      {removing && <RemoveDialog containers={[container]} onClose={() => setRemoving(false)} />}
      <TabList tabs={tabs} selected={tab} onSelect={setTab} label="Container details" />
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="panel">
        {tab === 'Overview' && <OverviewTab container={container} onNextStep={setTab} />}
        {tab === 'Inspect' && <InspectTab id={container.id} />}
        {tab === 'Logs' && <LogsTab container={container} />}
        {tab === 'Settings' && <SettingsTab container={container} />}
        {tab === 'Stats' && <StatsTab container={container} />}
        {tab === 'Processes' && <ProcessesTab container={container} />}
        {tab === 'Files' && <FilesTab key={container.id} id={container.id} name={container.name} />}
        {tab === 'Terminal' && <TerminalTab container={container} />}
      </section>
    </main>
  );
}
