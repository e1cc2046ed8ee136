import { useState } from 'react';
import { rowsOf, textOf, type EnvRow } from './env-rows.ts';

/** Key/value rows beside the Environment text, both ways in sync. */
export function EnvRowsEditor(props: { text: string; onChange(text: string): void }) {
  const [rows, setRows] = useState<EnvRow[]>(() => rowsOf(props.text));
  // Typing in the text field (or loading an env file) rebuilds the rows, during
  // render as React advises for state derived from a prop.
  const [seenText, setSeenText] = useState(props.text);
  if (props.text !== seenText) {
    setSeenText(props.text);
    if (textOf(rows) !== props.text) setRows(rowsOf(props.text));
  }

  const update = (next: EnvRow[]) => {
    setRows(next);
    setSeenText(textOf(next));
    props.onChange(textOf(next));
  };
  const edit = (i: number, patch: Partial<EnvRow>) =>
    update(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  return (
    <div className="env-rows">
      {rows.map((row, i) => (
        <div key={i} className="env-row">
          <input
            aria-label={`Variable ${i + 1} name`}
            placeholder="NAME"
            value={row.key}
            onChange={(e) => edit(i, { key: e.target.value })}
          />
          <input
            aria-label={`Variable ${i + 1} value`}
            placeholder="value"
            value={row.value}
            onChange={(e) => edit(i, { value: e.target.value })}
          />
          <button
            type="button"
            aria-label={`Remove variable ${i + 1}`}
            onClick={() => update(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setRows([...rows, { key: '', value: '' }])}>
        Add variable
      </button>
    </div>
  );
}
