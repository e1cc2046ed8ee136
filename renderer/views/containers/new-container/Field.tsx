import { useId, type ReactNode } from 'react';
import type { TermKey } from '../../../glossary/terms.ts';
import { TermWord } from '../../../glossary/Term.tsx';
import { useTerm } from '../../../glossary/use-term.tsx';

/** What a Field hands its control: spread it on the input, select or textarea. */
export interface FieldControl {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  onFocus?: () => void;
  onBlur?: () => void;
}

/**
 * A labelled control with its problems beside it (aria-describedby), and an optional hint.
 * With a `term`, the label's word is explained (renderer/glossary): on hover of the word,
 * and when the control gets keyboard focus, so the label adds no tab stop of its own.
 */
export function Field(props: {
  label: string;
  term?: TermKey | undefined;
  errors?: string[] | undefined;
  hint?: ReactNode;
  /** Fixes for the problems (buttons), after them and outside the description. */
  actions?: ReactNode;
  children: (control: FieldControl) => ReactNode;
}) {
  const id = useId();
  // Hooks cannot be conditional: every Field has a binding, used only with a term.
  const term = useTerm(props.term ?? 'container', 'above');
  const describedBy = [
    props.hint ? `${id}-hint` : '',
    props.errors?.length ? `${id}-errors` : '',
    props.term ? term.focusProps['aria-describedby'] : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>
        {props.term ? <TermWord binding={term}>{props.label}</TermWord> : props.label}
      </label>
      {props.children({
        id,
        'aria-invalid': Boolean(props.errors?.length),
        'aria-describedby': describedBy || undefined,
        ...(props.term && { onFocus: term.focusProps.onFocus, onBlur: term.focusProps.onBlur }),
      })}
      {props.term && term.tooltip}
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
