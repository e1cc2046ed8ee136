// The Compose CLI on Berth's machine, asked once per page that needs it.
import { useEffect, useState } from 'react';
import type { ComposeCliInfo } from '../../../electron/contract/compose-channels.ts';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { getClient } from '../../client/contract-client.ts';

export type ComposeCliState =
  | { phase: 'looking' }
  | { phase: 'known'; info: ComposeCliInfo }
  | { phase: 'failed'; message: string };

export function useComposeCli(): ComposeCliState {
  const [state, setState] = useState<ComposeCliState>({ phase: 'looking' });
  useEffect(() => {
    let live = true;
    getClient()
      .call('compose.cli')
      .then((info) => live && setState({ phase: 'known', info }))
      .catch(
        (err: unknown) => live && setState({ phase: 'failed', message: describeFailure(err) }),
      );
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/** Why the CLI actions are off, or null when they may run. */
export function cliBlocker(state: ComposeCliState): string | null {
  if (state.phase === 'looking') return 'Looking for a Compose CLI…';
  if (state.phase === 'failed') return `Couldn't look for a Compose CLI: ${state.message}`;
  return state.info.found ? null : state.info.hint;
}
