// The Environment field as key/value rows, kept in sync with its text (the
// text stays the truth: rows are read from it and written back into it).

export interface EnvRow {
  key: string;
  value: string;
}

/** Rows for the text's entries; blank lines and comments have no row. */
export function rowsOf(text: string): EnvRow[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => {
      const eq = line.indexOf('=');
      return eq < 0
        ? { key: line, value: '' }
        : { key: line.slice(0, eq), value: line.slice(eq + 1) };
    });
}

/** The text for the rows; a row still empty (just added) writes nothing yet. */
export function textOf(rows: EnvRow[]): string {
  return rows
    .filter((r) => r.key !== '' || r.value !== '')
    .map((r) => `${r.key}=${r.value}`)
    .join('\n');
}
