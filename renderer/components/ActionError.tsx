import { dismissActionError, useContainerActionsStore } from '../stores/container-actions-store.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** The last failed container action, in the engine's words, until dismissed. */
export function ActionError() {
  const error = useContainerActionsStore((s) => s.error);
  if (!error) return null;
  return (
    <ErrorAlert message={error}>
      <button type="button" onClick={dismissActionError}>
        Dismiss
      </button>
    </ErrorAlert>
  );
}
