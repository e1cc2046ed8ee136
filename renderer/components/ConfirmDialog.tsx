import { useId, type ReactNode } from 'react';
import { useModal } from '../use-modal.ts';

/**
 * Asks before something that cannot be undone: named by its title, described
 * by its words, with Cancel and one danger button. Cancel has the focus, so
 * Enter never destroys by accident; `children` (a checkbox or two) sit
 * between the words and the buttons.
 */
export function ConfirmDialog(props: {
  title: string;
  words: ReactNode;
  /** The danger button's name ("Remove service", "Leave swarm"). */
  confirm: string;
  onConfirm(): void;
  onClose(): void;
  /** Where focus goes if what opened the dialog is gone when it closes. */
  fallbackFocus?: () => HTMLElement | null;
  children?: ReactNode;
}) {
  const ref = useModal(props.fallbackFocus);
  const id = useId();
  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-words`}
      className="dialog"
      onCancel={props.onClose}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p id={`${id}-words`}>{props.words}</p>
      {props.children}
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
          {props.confirm}
        </button>
      </div>
    </dialog>
  );
}
