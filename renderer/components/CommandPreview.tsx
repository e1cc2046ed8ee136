import { useState } from 'react';
import type { Shell } from '../../electron/contract/run-spec/run-command.ts';
import { defaultShell } from '../stores/cli-target.ts';

/** The docker command behind a form, for the shell the user picks; null while the form has problems. */
export function CommandPreview(props: { command(shell: Shell): string | null }) {
  const [shell, setShell] = useState<Shell>(defaultShell);
  return (
    <section aria-label="Equivalent command" className="command">
      <label className="inline">
        Shell{' '}
        <select value={shell} onChange={(e) => setShell(e.target.value as Shell)}>
          <option value="posix">sh / bash / zsh</option>
          <option value="powershell">PowerShell</option>
        </select>
      </label>
      <pre aria-label="docker command">
        {props.command(shell) ?? 'Fix the fields marked above to see the command.'}
      </pre>
    </section>
  );
}
