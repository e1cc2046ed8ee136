// A call the page reads once when a part of it is shown (join tokens, the
// stack CLI, a worker's refusal): its value, or its failure in the engine's words.
import { useEffect, useState } from 'react';
import type { CallArgs, CallChannel, CallResult } from '../../../electron/contract/channels.ts';
import { describeFailure } from '../../../electron/contract/errors.ts';
import { getClient } from '../../client/contract-client.ts';

/** The calls that take no arguments. */
type NoArgCall = { [K in CallChannel]: CallArgs<K> extends [] ? K : never }[CallChannel];

export function useReadOnce<K extends NoArgCall>(
  channel: K,
): { value: CallResult<K> | null; failure: string | null } {
  const [state, setState] = useState<{ value: CallResult<K> | null; failure: string | null }>({
    value: null,
    failure: null,
  });
  useEffect(() => {
    let live = true;
    (getClient().call as (c: K) => Promise<CallResult<K>>)(channel).then(
      (value) => live && setState({ value, failure: null }),
      (err: unknown) => live && setState({ value: null, failure: describeFailure(err) }),
    );
    return () => {
      live = false;
    };
  }, [channel]);
  return state;
}
