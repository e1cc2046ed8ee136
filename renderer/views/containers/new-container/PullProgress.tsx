import { LayeredProgress } from '../../../components/LayeredProgress.tsx';
import type { PullView } from './use-image-pull.ts';

/**
 * A pull in the New container dialog: the layered progress named "Pulling
 * IMAGE" (as the Pull image dialog shows it) and a way to stop it.
 */
export function PullProgress({ view, onCancel }: { view: PullView; onCancel(): void }) {
  if (view.phase === 'cancelled') {
    return (
      <p className="pull-progress muted">
        The pull of {view.ref} was cancelled; no container was created.
      </p>
    );
  }
  return (
    <div className="pull-progress">
      <LayeredProgress label={`Pulling ${view.ref}`} {...view.progress} />
      <button type="button" onClick={onCancel}>
        Cancel pull
      </button>
    </div>
  );
}
