import { useState } from 'react';
import { envFileLines } from '../../../../electron/contract/run-spec/parse.ts';

/** `--env-file`: a file picked on this computer, its lines added to the Environment field. */
export function EnvFileInput(props: { onLines(lines: string[]): void }) {
  const [note, setNote] = useState('');
  return (
    <span className="env-file">
      <label className="button-like">
        Load env file…
        <input
          type="file"
          aria-label="Env file"
          accept=".env,.txt,text/plain"
          className="visually-hidden"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            e.target.value = ''; // the same file can be loaded again after an edit
            if (!file) return;
            if (file.size > 1024 * 1024) {
              setNote(`${file.name} is over 1 MB: not an env file?`);
              return;
            }
            const lines = envFileLines(await file.text());
            props.onLines(lines);
            setNote(`${lines.length} ${lines.length === 1 ? 'line' : 'lines'} from ${file.name}`);
          }}
        />
      </label>
      {note && (
        <span role="status" aria-label="Env file loaded" className="field-hint">
          {note}
        </span>
      )}
    </span>
  );
}
