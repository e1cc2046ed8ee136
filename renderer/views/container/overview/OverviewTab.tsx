import { useSyncExternalStore } from 'react';
import type { ContainerSummary } from '../../../../electron/contract/container-types.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { Term } from '../../../glossary/Term.tsx';
import { withTerm } from '../../../glossary/with-term.tsx';
import type { LogController } from '../../../components/logs/log-controller.ts';
import { LogPanel, useLogController } from '../../../components/logs/LogView.tsx';
import { parseSgr } from '../../../components/logs/sgr.ts';
import { useInspect } from '../use-inspect.ts';
import { explainState, type StateWords } from './exit-reason.ts';
import { createdHere } from './just-created.ts';
import { overviewFacts, type OverviewFacts } from './overview-facts.ts';
import { ContainerNetworks } from './ContainerNetworks.tsx';
import { SiteAddresses } from './SiteAddresses.tsx';
import { UnforwardedPorts } from './UnforwardedPorts.tsx';
import { WebPreview } from './WebPreview.tsx';
import './overview.css';

export type NextStep = 'Logs' | 'Terminal' | 'Settings';

/** Lines of the log the Overview shows; the Logs tab has the rest. */
const OVERVIEW_TAIL = 30;

/**
 * A container's home: what it runs, its state in plain words and why it
 * stopped, its addresses, the last lines of its log, where it is attached,
 * and the next steps.
 */
export function OverviewTab(props: {
  container: ContainerSummary;
  onNextStep: (tab: NextStep) => void;
}) {
  const { container } = props;
  const { info, error } = useInspect(container.id);
  const facts = info && overviewFacts(info);
  const words = facts && explainState(facts.state);
  const stopped = container.state === 'exited' || container.state === 'dead';
  const sources = [{ id: container.id, created: container.created }];
  const running = container.state === 'running';
  const log = useLogController(sources, running, OVERVIEW_TAIL);
  const lastError = useLastErrorLine(log);
  return (
    <div className="overview">
      {facts && words && <CreatedNote container={container} facts={facts} words={words} />}
      {error && <ErrorAlert message={error} />}
      <section aria-labelledby="overview-state" className="overview-state">
        <h2 id="overview-state">State</h2>
        <p>
          <strong>{words?.words ?? container.state}</strong>
          {facts?.autoRemove && (
            <span className="muted"> · removed when it stops (--rm), with its log</span>
          )}
        </p>
        {stopped && words?.reason && (
          <p
            role="status"
            aria-label="Why it stopped"
            className={words.failed ? 'why-stopped failed' : 'why-stopped'}
          >
            {withTerm(words.reason, 'exit code', 'exitCode')}
            {lastError && (
              <>
                {' '}
                Its last error line: <code>{lastError}</code>
              </>
            )}
          </p>
        )}
      </section>
      <SiteAddresses ports={container.ports} running={container.state === 'running'} />
      <UnforwardedPorts name={container.name} />
      <div className="overview-columns">
        {facts && <Facts facts={facts} container={container} />}
        <WebPreview container={container} />
      </div>
      <section aria-labelledby="overview-log" className="overview-log">
        <h2 id="overview-log">Last lines of its log</h2>
        <p className="muted">
          Lines the program wrote to its error output (stderr) are marked red.
        </p>
        <LogPanel name="Recent log" compact controller={log} sources={sources} running={running} />
      </section>
      <NextSteps container={container} onNextStep={props.onNextStep} />
    </div>
  );
}

/** The newest stderr line among those shown: often the program's own reason. */
function useLastErrorLine(log: LogController): string | undefined {
  useSyncExternalStore(log.subscribe, log.getVersion);
  for (let i = log.ring.length - 1; i >= 0; i--) {
    const row = log.ring.at(i);
    // Its colours and cursor moves dropped: quoted as plain text.
    const text =
      row?.stream === 'stderr'
        ? parseSgr(row.text)
            .map((p) => p.text)
            .join('')
        : '';
    if (text.trim()) return text;
  }
  return undefined;
}

/** After "Create and start" here: did it work? A container that stopped at once says why. */
function CreatedNote(props: {
  container: ContainerSummary;
  facts: OverviewFacts;
  words: StateWords;
}) {
  const { container, facts, words } = props;
  if (createdHere(container.id) === undefined) return null;
  const name = container.name;
  if (container.state === 'running') {
    return (
      <p role="status" aria-label="Created" className="created-note ok">
        {name} is running.
      </p>
    );
  }
  if (container.state !== 'exited' && container.state !== 'dead') return null;
  const ran =
    facts.startedAt && facts.finishedAt
      ? (Date.parse(facts.finishedAt) - Date.parse(facts.startedAt)) / 1000
      : undefined;
  const after =
    ran !== undefined && ran >= 0
      ? ` after ${ran < 1 ? 'less than a second' : `${Math.round(ran)} s`}`
      : '';
  return (
    <p
      role="status"
      aria-label="Created"
      className={`created-note${words.failed ? ' failed' : ''}`}
    >
      {name} started, then stopped{after}: {words.words}. See why and its log below.
    </p>
  );
}

function Facts({ facts, container }: { facts: OverviewFacts; container: ContainerSummary }) {
  return (
    <section aria-labelledby="overview-facts">
      <h2 id="overview-facts">What it runs</h2>
      <dl className="facts">
        <dt>
          <Term term="image">Image</Term>
        </dt>
        <dd>
          <code>{facts.image}</code>
        </dd>
        <dt>Command</dt>
        <dd>
          <code>{facts.command || '(the image’s default)'}</code>
        </dd>
        <dt>
          <Term term="network">Networks</Term>
        </dt>
        <dd>
          <ContainerNetworks container={container} />
        </dd>
        <dt>
          <Term term="volume">Volumes</Term>
        </dt>
        <dd>
          {facts.mounts.length === 0
            ? 'none: its files go when it is removed'
            : facts.mounts.map((m) => (
                <div key={m.destination}>
                  <code>{m.destination}</code> ←{' '}
                  {m.type === 'bind' ? <Term term="bindMount">folder</Term> : m.type}{' '}
                  <code>{m.source}</code>
                  {m.readOnly ? ' (read-only)' : ''}
                </div>
              ))}
        </dd>
      </dl>
    </section>
  );
}

function NextSteps(props: { container: ContainerSummary; onNextStep: (tab: NextStep) => void }) {
  const { onNextStep } = props;
  return (
    <section aria-labelledby="overview-next" className="overview-next">
      <h2 id="overview-next">Next steps</h2>
      <div className="toolbar">
        {/* The header already has a "Logs" button: this one says where it leads. */}
        <button type="button" onClick={() => onNextStep('Logs')}>
          See all logs
        </button>
        <button
          type="button"
          disabled={props.container.state !== 'running'}
          title={props.container.state === 'running' ? undefined : 'Start it first'}
          onClick={() => onNextStep('Terminal')}
        >
          Open terminal
        </button>
        <button type="button" onClick={() => onNextStep('Settings')}>
          Settings
        </button>
      </div>
    </section>
  );
}
