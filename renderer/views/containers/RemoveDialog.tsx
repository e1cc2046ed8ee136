import { useState } from 'react';
import type { ContainerSummary } from '../../../electron/contract/container-types.ts';
import { runContainerAction } from '../../stores/container-actions-store.ts';
import { isActive } from './container-filter.ts';
import { useModal } from '../../use-modal.ts';

/** Asks before removing one container or a project's (running ones need force, said plainly), then removes them. */
export function RemoveDialog(props: {
  containers: ContainerSummary[];
  project?: string;
  onClose(): void;
  fallbackFocus?: () => HTMLElement | null;
}) {
  const ref = useModal(props.fallbackFocus);
  const [volumes, setVolumes] = useState(false);
  const running = props.containers.filter(isActive);
  const single = props.containers.length === 1 && !props.project;

  const what = single
    ? props.containers[0]!.name
    : props.project
      ? `the ${props.containers.length} containers of ${props.project}`
      : `the ${props.containers.length} selected containers`;
  const noun = single ? 'container' : `${props.containers.length} containers`;
  return (
    <dialog ref={ref} aria-labelledby="remove-title" className="dialog" onCancel={props.onClose}>
      <h2 id="remove-title">
        {single ? 'Remove container' : props.project ? 'Remove project' : 'Remove containers'}
      </h2>
      <p>
        Remove <strong>{what}</strong>?{' '}
        {running.length
          ? `${running.length === 1 && single ? 'It is' : `${running.length} are`} running: killed first, and unsaved work is lost.`
          : 'This cannot be undone.'}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} />
        Also remove anonymous volumes
      </label>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            props.onClose();
            for (const c of props.containers) {
              void runContainerAction(
                c.id,
                'remove',
                { force: running.length > 0, volumes },
                c.name,
              );
            }
          }}
        >
          {running.length ? `Force remove ${noun}` : `Remove ${noun}`}
        </button>
      </div>
    </dialog>
  );
}
