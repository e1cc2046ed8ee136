import { useId, type ReactNode } from 'react';
import { useModal } from '../../use-modal.ts';
import './engine-reset.css';

/**
 * Asks before a reset, saying plainly what goes; named by its title, described
 * by what it deletes. Cancel has the focus, so Enter never deletes by accident.
 */
export function ResetDialog(props: {
  title: string;
  what: ReactNode;
  onConfirm(): void;
  onClose(): void;
}) {
  const ref = useModal();
  const id = useId();
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-what`}
      className="dialog"
      onCancel={props.onClose}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p id={`${id}-what`}>{props.what}</p>
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
