// The shape every form's submit has: busy while the work runs, the failure in
// the engine's words when it throws, cleared when the next try starts.
import { useState } from 'react';
import { describeFailure } from '../electron/contract/errors.ts';

export function useCall(): {
  busy: boolean;
  failure: string | null;
  /** Runs `work`; resolves true when it succeeded. */
  run(work: () => Promise<unknown>): Promise<boolean>;
} {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
      return true;
    } catch (err) {
      setFailure(describeFailure(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, run };
}
