import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import {
  actionProgress,
  runContainerAction,
  useContainerActionsStore,
  type ContainerAction,
} from '../../stores/container-actions-store.ts';
import { ActionIcon } from '../../components/ActionIcon.tsx';
import { containerHref } from '../../use-hash-route.ts';
import { actionLabels, actionsFor } from './container-actions.ts';

/**
 * The row's buttons, or what it is busy with. Remove asks first (onRemove opens
 * the dialog). `compact` (the list) shows icons, named and titled by their
 * action, in a width that holds the most buttons a state has, so none spills
 * out of its row. `disabled`: the engine is not answering (list-freshness.ts).
 */
export function ContainerRowActions(props: {
  container: ContainerSummary;
  onRemove(): void;
  compact?: boolean;
  disabled?: boolean;
}) {
  const { container: c, compact } = props;
  const pending = useContainerActionsStore((s) => s.pending[c.id]);
  const run = (action: ContainerAction) => {
    if (action === 'remove') props.onRemove();
    else void runContainerAction(c.id, action, {}, c.name);
  };
  // In the list, the grid moves focus among them by arrow keys (ContainersGrid's keyboard).
  const named = (label: string) =>
    compact ? { 'aria-label': label, title: label, tabIndex: -1 } : {};
  return (
    <div className="row-actions">
      {pending && (
        <span
          role="progressbar"
          aria-label={`${actionProgress[pending]} ${c.name}`}
          title={`${actionProgress[pending]}…`}
          className={compact ? 'pending-dot' : 'muted'}
        >
          {!compact && `${actionProgress[pending]}…`}
        </span>
      )}
      {actionsFor(c.state).map((action) => (
        <button
          key={action}
          type="button"
          className={`small${compact ? ' icon' : ''}${action === 'remove' || action === 'kill' ? ' danger' : ''}`}
          disabled={pending !== undefined || props.disabled}
          onClick={() => run(action)}
          {...named(actionLabels[action])}
        >
          <ActionIcon action={action} />
          {!compact && actionLabels[action]}
        </button>
      ))}
      <button
        type="button"
        className={compact ? 'small icon' : 'small'}
        disabled={props.disabled}
        onClick={() => (location.hash = containerHref(c.id, 'logs'))}
        {...named('Logs')}
      >
        {compact ? <LineIcon d="M3.5 4.5h9M3.5 8h9M3.5 11.5h6" /> : 'Logs'}
      </button>
      {compact && c.state === 'running' && (
        <button
          type="button"
          className="small icon"
          disabled={props.disabled}
          onClick={() => (location.hash = containerHref(c.id, 'terminal'))}
          {...named('Open terminal')}
        >
          <LineIcon d="M3 4.5 6.5 8 3 11.5M8 12h5" />
        </button>
      )}
    </div>
  );
}

/** The same 14-pixel outline as ActionIcon's, for the two buttons that are not actions. */
function LineIcon({ d }: { d: string }) {
  return (
    <svg
      aria-hidden="true"
      width="14"
      height="14"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={d} />
    </svg>
  );
}
