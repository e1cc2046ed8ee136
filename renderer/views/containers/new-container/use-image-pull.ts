// Makes sure an image is on the engine before the dialog creates a container:
// at once when `images.inspect` finds it, else through the `images.pull`
// stream, whose progress the shared layered stream folds for the view.
import { useCallback, useState } from 'react';
import { ContractError } from '../../../../electron/contract/errors.ts';
import { getClient } from '../../../client/contract-client.ts';
import { pullFold } from '../../images/share/layered-folds.ts';
import {
  useLayeredStream,
  type LayeredProgressView,
} from '../../images/share/use-layered-stream.ts';

export type PullView =
  | { phase: 'pulling'; ref: string; progress: LayeredProgressView }
  | { phase: 'cancelled'; ref: string };

interface ImagePull {
  /** What to show: a running pull, or the note that the user cancelled one. */
  view: PullView | null;
  /**
   * Resolves true once `ref` is on the engine, false when the user cancelled
   * the pull; rejects with the engine's failure (a ContractError).
   */
  ensureLocal(ref: string): Promise<boolean>;
  cancel(): void;
}

const isNotFound = (err: unknown) =>
  err instanceof ContractError && err.envelope.kind === 'not-found';

export function useImagePull(): ImagePull {
  const { progress, start, cancel } = useLayeredStream('images.pull', pullFold);
  const [pulling, setPulling] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState<string | null>(null);

  const ensureLocal = useCallback(
    async (ref: string): Promise<boolean> => {
      cancel();
      setCancelled(null);
      try {
        await getClient().call('images.inspect', ref);
        return true;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      setPulling(ref);
      try {
        const { end } = await start([{ ref }]);
        if (end === 'cancelled') setCancelled(ref);
        return end === 'done';
      } finally {
        setPulling(null);
      }
    },
    [start, cancel],
  );

  const view: PullView | null =
    pulling && progress
      ? { phase: 'pulling', ref: pulling, progress }
      : cancelled
        ? { phase: 'cancelled', ref: cancelled }
        : null;
  return { view, ensureLocal, cancel };
}
