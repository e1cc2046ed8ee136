import { useState } from 'react';
import type { Shell } from '../../electron/contract/run-spec/run-command.ts';
import { CommandPreview } from './CommandPreview.tsx';

/** A "Show command" button under a tab's content, revealing the docker lines behind it. */
export function ShowCommand(props: { command(shell: Shell): string | null }) {
  const [shown, setShown] = useState(false);
  return (
    <>
      <div className="dialog-buttons">
        <button type="button" aria-expanded={shown} onClick={() => setShown((v) => !v)}>
          Show command
        </button>
      </div>
      {shown && <CommandPreview command={props.command} />}
    </>
  );
}
