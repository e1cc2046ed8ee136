import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import type { SwarmActionState } from './use-swarm-action.ts';

/** The last Swarm action: its docker line, and how it went (the engine's words when it failed). */
export function LastAction(props: { last: SwarmActionState | null; onDismiss(): void }) {
  const { last } = props;
  if (!last) return null;
  const said = { running: `${last.label}…`, done: `${last.label}: done`, failed: '' }[last.phase];
  return (
    <section aria-label="Last action" className="swarm-last-action">
      <pre aria-label="Last command">{last.command}</pre>
      {last.phase === 'failed' ? (
        <ErrorAlert message={last.failure ?? `${last.label} failed.`}>
          <button type="button" onClick={props.onDismiss}>
            Dismiss
          </button>
        </ErrorAlert>
      ) : (
        <p role="status" aria-label="Action status">
          {said}
        </p>
      )}
    </section>
  );
}
