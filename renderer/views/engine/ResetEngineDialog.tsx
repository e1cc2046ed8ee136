import { useModal } from '../../use-modal.ts';
import './engine-reset.css';

/** Asks before Reset engine, saying plainly what goes: everything the engine holds. */
export function ResetEngineDialog(props: { onConfirm(): void; onClose(): void }) {
  const ref = useModal();
  return (
    <dialog
      ref={ref}
      aria-labelledby="reset-engine-title"
      aria-describedby="reset-engine-what"
      className="dialog"
      onCancel={props.onClose}
    >
      <h2 id="reset-engine-title">Reset engine</h2>
      <p id="reset-engine-what">
        Berth stops its engine, deletes{' '}
        <strong>all of its images, containers, volumes and networks</strong> and the host bridges it
        made for them, then starts it again, empty. The data in its volumes is lost. This cannot be
        undone.
      </p>
      <div className="dialog-buttons">
        <button type="button" autoFocus onClick={props.onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            props.onClose();
            props.onConfirm();
          }}
        >
          Reset and delete everything
        </button>
      </div>
    </dialog>
  );
}
