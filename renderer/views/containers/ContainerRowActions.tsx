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
 * the dialog). `compact` (the list) shows icons, named and titled by their action.
 */
export function ContainerRowActions(props: {
  container: ContainerSummary;
  onRemove(): void;
  compact?: boolean;
}) {
  const { container: c } = props;
  const pending = useContainerActionsStore((s) => s.pending[c.id]);
  const run = (action: ContainerAction) => {
    if (action === 'remove') props.onRemove();
    else void runContainerAction(c.id, action, {}, c.name);
  };
  return (
    <div className="row-actions">
      {pending && (
        <span
          role="progressbar"
          aria-label={`${actionProgress[pending]} ${c.name}`}
          className="muted"
        >
          {actionProgress[pending]}…
        </span>
      )}
      {actionsFor(c.state).map((action) => (
        <button
          key={action}
          type="button"
          className={`small${props.compact ? ' icon' : ''}${action === 'remove' || action === 'kill' ? ' danger' : ''}`}
          disabled={pending !== undefined}
          onClick={() => run(action)}
          {...(props.compact
            ? { 'aria-label': actionLabels[action], title: actionLabels[action] }
            : {})}
        >
          <ActionIcon action={action} />
          {!props.compact && actionLabels[action]}
        </button>
      ))}
      <button
        type="button"
        className="small"
        onClick={() => (location.hash = containerHref(c.id, 'logs'))}
      >
        Logs
      </button>
      {props.compact && c.state === 'running' && (
        <button
          type="button"
          className="small icon"
          aria-label="Open terminal"
          title="Open terminal"
          onClick={() => (location.hash = containerHref(c.id, 'terminal'))}
        >
          {'>_'}
        </button>
      )}
    </div>
  );
}
