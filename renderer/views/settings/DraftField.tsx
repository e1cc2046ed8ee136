import { useId, useState } from 'react';
import type { z } from 'zod';

/**
 * A text or number field applied as soon as what is typed passes the same
 * schema the app checks it with; until then the schema's words show beside
 * it and nothing is saved. A change from elsewhere (another window) replaces
 * the text unless the field is being edited.
 */
export function DraftField<T extends string | number>(props: {
  label: string;
  value: T;
  schema: z.ZodType<T>;
  type: 'text' | 'number';
  hint?: string;
  min?: number;
  max?: number;
  onCommit(value: T): void;
}) {
  const id = useId();
  // What is typed while the field is edited (or left invalid); null shows the setting itself.
  const [draft, setDraft] = useState<string | null>(null);
  const check = (text: string) =>
    props.schema.safeParse(
      props.type === 'number' ? (text.trim() === '' ? NaN : Number(text)) : text,
    );
  const checked = draft === null ? null : check(draft);
  const error =
    checked && !checked.success ? (checked.error.issues[0]?.message ?? 'Not valid') : null;

  const onChange = (next: string) => {
    setDraft(next);
    const parsed = check(next);
    if (parsed.success && parsed.data !== props.value) props.onCommit(parsed.data);
  };

  const described = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type}
        value={draft ?? String(props.value)}
        min={props.min}
        max={props.max}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onFocus={() => setDraft(String(props.value))}
        onBlur={() => setDraft(error ? draft : null)}
        onChange={(e) => onChange(e.target.value)}
      />
      {props.hint && (
        <p id={`${id}-hint`} className="field-hint">
          {props.hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
