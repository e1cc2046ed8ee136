// A field's problems in the schema's own words (the check the app makes
// again before any engine sees the value), so the form and the server agree.
import { check } from '../../../electron/contract/schema-problems.ts';

type Schema = Parameters<typeof check>[0];

/** The schema's messages for `value`; empty when it passes. */
export function problemsOf(schema: Schema, value: unknown): string[] {
  const result = check(schema, value);
  return result.success ? [] : [...new Set(result.error.issues.map((i) => i.message))];
}

/** A replica count typed as text: a number when it reads as one, else the text (the schema refuses it). */
export function replicasOf(text: string): number | string {
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?(e\d+)?$/i.test(trimmed) ? Number(trimmed) : trimmed;
}
