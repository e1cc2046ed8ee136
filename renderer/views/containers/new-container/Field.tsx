import { useId, type ReactNode } from 'react';

/** A labelled control with its problems beside it (aria-describedby), and an optional hint. */
export function Field(props: {
  label: string;
  errors?: string[] | undefined;
  hint?: ReactNode;
  /** Fixes for the problems (buttons), after them and outside the description. */
  actions?: ReactNode;
  children: (control: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby': string | undefined;
  }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [props.hint ? `${id}-hint` : '', props.errors?.length ? `${id}-errors` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        'aria-invalid': Boolean(props.errors?.length),
        'aria-describedby': describedBy || undefined,
      })}
      {props.hint && (
        <p id={`${id}-hint`} className="field-hint">
          {props.hint}
        </p>
      )}
      {props.errors?.length ? (
        <ul id={`${id}-errors`} className="field-errors">
          {props.errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
      {props.actions}
    </div>
  );
}
