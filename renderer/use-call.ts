// The shape every form's submit has: busy while the work runs, the failure in
// the engine's words when it throws, cleared when the next try starts.
import { useState } from 'react';
import { describeFailure, type ErrorEnvelope } from '../electron/contract/errors.ts';
import { envelopeOf } from './components/EngineErrorAlert.tsx';

interface Call<F> {
  busy: boolean;
  failure: F | null;
  /** Runs `work`; resolves true when it succeeded. */
  run(work: () => Promise<unknown>): Promise<boolean>;
}

/** The failure as one sentence, for a plain alert. */
export function useCall(): Call<string> {
  return useCallWith(describeFailure);
}

/** The failure as its envelope, for EngineErrorAlert (the engine's raw words under "Details"). */
export function useEnvelopeCall(): Call<ErrorEnvelope> {
  return useCallWith(envelopeOf);
}

function useCallWith<F>(toFailure: (err: unknown) => F): Call<F> {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<F | null>(null);
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setFailure(null);
    try {
      await work();
      return true;
    } catch (err) {
      setFailure(toFailure(err));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, run };
}
