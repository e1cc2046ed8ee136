import { useState } from 'react';
import { dockerCommandLine } from '../../../../electron/contract/run-spec/run-command.ts';
import { copyText } from '../../../components/logs/copy-text.ts';
import { defaultShell } from '../../../stores/cli-target.ts';

/**
 * The line that reaches the VM's engine from the user's own terminal, quoted
 * for their shell (the context name comes from the app, but is quoted all the
 * same: what is pasted must run as shown), with a button to copy it.
 */
export function VmCliLine({ context }: { context: string }) {
  const line = dockerCommandLine(['ps'], defaultShell(), { context });
  const [copied, setCopied] = useState<string | null>(null);
  const copy = () => {
    copyText(line).then(
      () => setCopied('Copied.'),
      (error: unknown) => setCopied(`Could not copy: ${String(error)}. Select the line instead.`),
    );
  };
  return (
    <div className="vm-cli command">
      <p>From your own terminal, the VM's engine answers through a Docker context:</p>
      <div className="vm-cli-line">
        <pre aria-label="docker command">{line}</pre>
        <button type="button" onClick={copy}>
          Copy command
        </button>
        <span role="status" className="muted">
          {copied}
        </span>
      </div>
    </div>
  );
}
