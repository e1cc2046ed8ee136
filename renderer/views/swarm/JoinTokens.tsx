// The commands another engine runs to join this swarm, one per role, each
// with a copy button. Read once when shown (tokens change only on rotation).
import { useEffect, useState } from 'react';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { swarmJoinCommandLine } from '../../../electron/contract/swarm-commands.ts';
import type { SwarmJoinTokens } from '../../../electron/contract/swarm-types.ts';
import { getClient } from '../../client/contract-client.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { copyText } from '../../components/logs/copy-text.ts';
import { defaultShell } from '../../stores/cli-target.ts';

const ROLES = [
  ['worker', 'Worker'],
  ['manager', 'Manager'],
] as const;

export function JoinTokens() {
  const [tokens, setTokens] = useState<SwarmJoinTokens | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    getClient()
      .call('swarm.joinTokens')
      .then(
        (t) => live && setTokens(t),
        (err: unknown) => live && setFailure(describeFailure(err)),
      );
    return () => {
      live = false;
    };
  }, []);
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
                  (err: unknown) => setFailure(describeFailure(err)),
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
