import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import {
  actionProgress,
  runContainerAction,
  useContainerActionsStore,
  type ContainerAction,
} from '../../stores/container-actions-store.ts';
import { actionLabels, actionsFor } from './container-actions.ts';

/** The row's buttons, or what it is busy with. Remove asks first (onRemove opens the dialog). */
export function ContainerRowActions(props: { container: ContainerSummary; onRemove(): void }) {
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
          className={`small${action === 'remove' || action === 'kill' ? ' danger' : ''}`}
          disabled={pending !== undefined}
          onClick={() => run(action)}
        >
          {actionLabels[action]}
        </button>
      ))}
    </div>
  );
}
