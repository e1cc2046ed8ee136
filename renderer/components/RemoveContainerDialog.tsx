import { useEffect, useRef, useState } from 'react';
import type { ContainerSummary } from '../../electron/contract/container-types.ts';

/** Asks before removing; a running container needs force, said plainly. */
export function RemoveContainerDialog(props: {
  container: ContainerSummary;
  onConfirm(options: { force: boolean; volumes: boolean }): void;
  onCancel(): void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [volumes, setVolumes] = useState(false);
  const running =
    props.container.state === 'running' ||
    props.container.state === 'paused' ||
    props.container.state === 'restarting';
  useEffect(() => {
    ref.current?.showModal();
  }, []);

  return (
    <dialog ref={ref} aria-labelledby="remove-title" className="dialog" onCancel={props.onCancel}>
      <h2 id="remove-title">Remove container</h2>
      <p>
        Remove <strong>{props.container.name}</strong>?{' '}
        {running
          ? 'It is running: it will be killed first, and its unsaved work is lost.'
          : 'This cannot be undone.'}
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} />
        Also remove its anonymous volumes
      </label>
      <div className="dialog-buttons">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => props.onConfirm({ force: running, volumes })}
        >
          {running ? 'Force remove container' : 'Remove container'}
        </button>
      </div>
    </dialog>
  );
}
