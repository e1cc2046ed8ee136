// The commands another engine runs to join this swarm, one per role, each
// with a copy button. Read once when shown (tokens change only on rotation).
import { useState } from 'react';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { swarmJoinCommandLine } from '../../../electron/contract/swarm-commands.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { copyText } from '../../components/logs/copy-text.ts';
import { defaultShell } from '../../stores/cli-target.ts';
import { useReadOnce } from './use-read-once.ts';

const ROLES = [
  ['worker', 'Worker'],
  ['manager', 'Manager'],
] as const;

export function JoinTokens() {
  const { value: tokens, failure: unread } = useReadOnce('swarm.joinTokens');
  const [copyFailure, setCopyFailure] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const failure = unread ?? copyFailure;
  if (failure) return <ErrorAlert message={failure} />;
  if (!tokens) return null;
  return (
    <section aria-labelledby="join-tokens-title" className="join-tokens">
      <h2 id="join-tokens-title">Add a node</h2>
      <p className="muted">Run one of these on the engine that should join.</p>
      {ROLES.map(([role, word]) => {
        // Run on the other machine: no -H or context of this one.
        const command = swarmJoinCommandLine(
          { token: tokens[role], remoteAddr: tokens.address },
          defaultShell(),
        );
        return (
          <div key={role} className="join-token">
            <span>{word}</span>
            <code aria-label={`${word} join command`}>{command}</code>
            <button
              type="button"
              onClick={() =>
                void copyText(command).then(
                  () => setCopied(role),
                  (err: unknown) => setCopyFailure(describeFailure(err)),
                )
              }
            >
              {`Copy ${role} join command`}
            </button>
            {copied === role && <span role="status">Copied</span>}
          </div>
        );
      })}
    </section>
  );
}
