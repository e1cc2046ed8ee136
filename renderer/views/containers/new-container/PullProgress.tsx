import type { PullView } from './use-image-pull.ts';

/**
 * A pull in the New container dialog: a progress bar named "Pulling IMAGE"
 * (indeterminate until every layer still to fetch has said its size), the
 * engine's progress in one line, and a way to stop it.
 */
export function PullProgress({ view, onCancel }: { view: PullView; onCancel(): void }) {
  if (view.phase === 'cancelled') {
    return (
      <p className="pull-progress muted">
        The pull of {view.ref} was cancelled; no container was created.
      </p>
    );
  }
  const { fraction, text } = view.summary;
  return (
    <div className="pull-progress">
      <progress
        aria-label={`Pulling ${view.ref}`}
        aria-valuetext={text}
        max={100}
        value={fraction === undefined ? undefined : Math.round(fraction * 100)}
      />
      <p className="muted">{text}</p>
      <button type="button" onClick={onCancel}>
        Cancel pull
      </button>
    </div>
  );
}
