import type { ReactNode } from 'react';

/** A dialog's Cancel and its one main button (named by `children`). */
export function DialogButtons(props: {
  onCancel(): void;
  disabled?: boolean;
  /** A submit button of the dialog's form; else a button that calls `onAct`. */
  onAct?: () => void;
  children: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div className="dialog-buttons">
      {props.extra}
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
      <button
        type={props.onAct ? 'button' : 'submit'}
        className="primary"
        disabled={props.disabled}
        onClick={props.onAct}
      >
        {props.children}
      </button>
    </div>
  );
}
