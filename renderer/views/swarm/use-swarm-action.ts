// Every Swarm action goes through one runner: it says which `docker` line
// does the same (pointed at the engine shown, for the user's shell), that it
// runs, and how it ended, in the engine's words when it failed.
import { useCallback, useState } from 'react';
import { describeFailure } from '../../../electron/contract/errors.ts';
import type { CliTarget, Shell } from '../../../electron/contract/run-spec/run-command.ts';
import { defaultShell, useCliTarget } from '../../stores/cli-target.ts';

export interface SwarmActionState {
  /** What was asked, in words ("Drain node2"). */
  label: string;
  /** The docker line that does the same. */
  command: string;
  phase: 'running' | 'done' | 'failed';
  failure?: string;
}

export type CommandOf = (shell: Shell, target: CliTarget) => string;

export type RunSwarmAction = (
  label: string,
  command: CommandOf,
  work: () => Promise<unknown>,
) => Promise<boolean>;

export function useSwarmAction(): {
  last: SwarmActionState | null;
  run: RunSwarmAction;
  dismiss(): void;
} {
  const target = useCliTarget();
  const [last, setLast] = useState<SwarmActionState | null>(null);
  const run = useCallback<RunSwarmAction>(
    async (label, command, work) => {
      const shown = { label, command: command(defaultShell(), target) };
      setLast({ ...shown, phase: 'running' });
      try {
        await work();
        setLast({ ...shown, phase: 'done' });
        return true;
      } catch (err) {
        setLast({ ...shown, phase: 'failed', failure: describeFailure(err) });
        return false;
      }
    },
    [target],
  );
  return { last, run, dismiss: () => setLast(null) };
}
